import Assessment

#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// The files of a batch's output directory. Reports are written by the workers as scratch files (see `ScratchFile`)
/// and put in place by the committer in one step: a report is either whole under its name or absent.
struct BatchFiles: Sendable {
    let directory: String
    let scratch: String
    /// `directory` and a slash: every path in it starts so.
    private let prefix: String
    /// Nil when reports go through named files in the scratch folder.
    private let descriptors: ScratchDescriptors?

    static let scratchName = ".insource-work"

    /// `holding` is how many reports may wait for the committer at once; zero writes them all as named files.
    init(directory: String, holding: Int) throws(DiagnosticsError) {
        self.directory = directory
        prefix = directory + "/"
        scratch = prefix + Self.scratchName
        try Self.makeDirectory(directory)
        try Self.makeDirectory(scratch)
        descriptors = ScratchDescriptors(wanted: holding, directory: directory, scratch: scratch)
    }

    func path(_ name: String) -> String { prefix + name }

    /// Writes a report not yet in place (the worker's part); `name` names it if it has to be a named file.
    func writeScratch(_ bytes: [UInt8], name: String) throws(DiagnosticsError) -> ScratchFile {
        #if os(Linux)
        if let descriptors, descriptors.reserve() {
            let descriptor = ScratchDescriptors.openUnnamed(in: directory)
            if descriptor >= 0 {
                let file = ScratchFile(.unnamed(descriptor: descriptor), descriptors: descriptors)
                try Self.writeAll(bytes, to: descriptor, path: directory)
                return file
            }
            descriptors.release()
        }
        #endif
        let path = scratch + "/" + name
        try Self.write(bytes, to: path)
        return ScratchFile(.named(path: path))
    }

    /// Puts a scratch file in place under its final name in one step (the committer's part).
    func publish(_ file: ScratchFile, as name: String) throws(DiagnosticsError) {
        let destination = path(name)
        switch file.storage {
        case .named(let scratchPath):
            // withCString lends the strings' own bytes; a String handed straight to a C function is copied first.
            let moved = scratchPath.withCString { from in destination.withCString { to in rename(from, to) } }
            guard moved == 0 else { throw Self.failure("cannot move the report into place", path: destination) }
        case .unnamed(let descriptor):
            #if os(Linux)
            if ScratchDescriptors.link(descriptor, to: destination) { return }
            guard errno == EEXIST else { throw Self.failure("cannot put the report in place", path: destination) }
            // An earlier run's report under this name: linked beside it, then renamed over it, so it is replaced whole.
            let temporary = scratch + "/" + name + ".partial"
            unlink(temporary)
            guard ScratchDescriptors.link(descriptor, to: temporary) else {
                throw Self.failure("cannot put the report in place", path: destination)
            }
            guard rename(temporary, destination) == 0 else {
                let failure = Self.failure("cannot move the report into place", path: destination)
                unlink(temporary)
                throw failure
            }
            #endif
        }
    }

    func exists(_ name: String) -> Bool {
        access(path(name), F_OK) == 0
    }

    /// A whole file written atomically through a temporary file beside it, from the pieces `produce` hands its sink.
    func writeAtomically(_ name: String, _ produce: (_ sink: ([UInt8]) throws -> Void) throws -> Void) throws(DiagnosticsError) {
        let temporary = scratch + "/" + name + ".partial"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.failure("cannot create the file", path: temporary) }
        do {
            try produce { bytes in try Self.writeAll(bytes, to: descriptor, path: temporary) }
            close(descriptor)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw (error as? DiagnosticsError) ?? DiagnosticsError([Diagnostic(.error, "cannot write the file: \(error)", path: path(name))])
        }
        guard rename(temporary, path(name)) == 0 else { throw Self.failure("cannot move the file into place", path: path(name)) }
    }

    /// Removes the scratch folder and what an interrupted run left in it.
    func removeScratch() {
        for name in (try? Self.names(in: scratch)) ?? [] { unlink(scratch + "/" + name) }
        rmdir(scratch)
    }

    static func write(_ bytes: [UInt8], to path: String) throws(DiagnosticsError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create the file", path: path) }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, path: path)
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(DiagnosticsError) {
        var failed = false
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 {
                    failed = true
                    return
                }
                offset += written
            }
        }
        if failed { throw failure("cannot write the file", path: path) }
    }

    private static func makeDirectory(_ path: String) throws(DiagnosticsError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw DiagnosticsError([Diagnostic(.error, "the output must be a directory, and this is a file", path: path)])
            }
            return
        }
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty { try makeDirectory(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw failure("cannot create the directory", path: path) }
    }

    private static func names(in directory: String) throws -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func failure(_ what: String, path: String) -> DiagnosticsError {
        DiagnosticsError([Diagnostic(.error, "\(what): \(String(cString: strerror(errno)))", path: path)])
    }
}
