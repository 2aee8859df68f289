#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Reads whole input files with a size cap, so a 100 MB (or endless) file costs at most the cap.
public enum InputFile {
    /// The bytes of the file at `path`; a file larger than `limit` is rejected after reading at most `limit + 1` bytes.
    public static func read(_ path: String, limit: Int = DocumentLimits().maxBytes) throws(DiagnosticsError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw DiagnosticsError([Diagnostic(.error, "cannot open the file: \(describe(errno))", path: path)])
        }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw DiagnosticsError([Diagnostic(.error, "is a directory, not a file", path: path)])
        }
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > limit {
            throw tooLarge(path, size: Int(info.st_size), limit: limit)
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw DiagnosticsError([Diagnostic(.error, "cannot read the file: \(describe(errno))", path: path)])
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw tooLarge(path, size: nil, limit: limit) }
        }
    }

    private static func tooLarge(_ path: String, size: Int?, limit: Int) -> DiagnosticsError {
        let what = size.map { "the file is \($0) bytes" } ?? "the file is larger than the limit"
        return DiagnosticsError([Diagnostic(.error, "\(what); Insource reads files of at most \(limit) bytes", path: path)])
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
