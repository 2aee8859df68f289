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
        let known = fstat(descriptor, &info) == 0
        let isRegular = known && (info.st_mode & S_IFMT) == S_IFREG
        if known, (info.st_mode & S_IFMT) == S_IFDIR {
            throw DiagnosticsError([Diagnostic(.error, "is a directory, not a file", path: path)])
        }
        if isRegular, Int(info.st_size) > limit {
            throw tooLarge(path, size: Int(info.st_size), limit: limit)
        }
        // A regular file is read into one buffer of its size plus one byte (the extra byte shows whether it grew);
        // batches read thousands of small files, and a fixed 64 KB chunk per file cost more than the reading.
        var chunkSize = isRegular ? Int(info.st_size) + 1 : 64 * 1024
        var bytes: [UInt8] = []
        while true {
            let (chunk, reachedEnd, failure) = readChunk(descriptor, upTo: chunkSize)
            if failure != 0 {
                throw DiagnosticsError([Diagnostic(.error, "cannot read the file: \(describe(failure))", path: path)])
            }
            if bytes.isEmpty { bytes = chunk } else { bytes.append(contentsOf: chunk) }
            if bytes.count > limit { throw tooLarge(path, size: nil, limit: limit) }
            if reachedEnd { return bytes }
            chunkSize = min(64 * 1024, limit + 1 - bytes.count)
        }
    }

    /// Up to `size` bytes (fewer only at the end of the file), whether the end was reached, and the errno of a failed read.
    private static func readChunk(_ descriptor: Int32, upTo size: Int) -> (bytes: [UInt8], reachedEnd: Bool, failure: Int32) {
        var reachedEnd = false
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < buffer.count {
                let read = systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if read > 0 {
                    count += read
                } else if read == 0 {
                    reachedEnd = true
                    return
                } else if errno != EINTR {
                    failure = errno
                    return
                }
            }
        }
        return (bytes, reachedEnd, failure)
    }

    private static func tooLarge(_ path: String, size: Int?, limit: Int) -> DiagnosticsError {
        let what = size.map { "the file is \($0) bytes" } ?? "the file is larger than the limit"
        return DiagnosticsError([Diagnostic(.error, "\(what); Insource reads files of at most \(limit) bytes", path: path)])
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
