#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A report a worker has written that is not in place yet.
///
/// On Linux it is an unnamed file in the output directory (`O_TMPFILE`), which the committer links under the
/// client's name. That spares the file system a directory entry made in the scratch folder and removed again by
/// the rename, a fifth of a batch's time in the kernel, and a run stopped midway leaves nothing behind. Elsewhere,
/// or where the file system or the descriptor limit does not allow it, it is a named file in the scratch folder.
final class ScratchFile: Sendable {
    enum Storage: Sendable {
        /// Open until this object goes: closing the only descriptor of a file never linked frees it.
        case unnamed(descriptor: Int32)
        case named(path: String)
    }

    let storage: Storage
    private let descriptors: ScratchDescriptors?

    init(_ storage: Storage, descriptors: ScratchDescriptors? = nil) {
        self.storage = storage
        self.descriptors = descriptors
    }

    deinit {
        guard case .unnamed(let descriptor) = storage else { return }
        close(descriptor)
        descriptors?.release()
    }
}

/// How many unnamed reports may be open at once: each holds a descriptor until the committer gets to it, and the
/// rest of the process (inputs, the history, the index) must still be able to open files.
final class ScratchDescriptors: Sendable {
    private let budget: Int
    private let opened = Atomic<Int>(0)

    /// Descriptors kept for everything else.
    static let reserve = 256

    /// Nil when unnamed files cannot be used in `directory` (not Linux, a file system without `O_TMPFILE`, no
    /// `/proc`) or the limit leaves none. Raises the soft descriptor limit toward the hard one when `wanted` needs it.
    init?(wanted: Int, directory: String, scratch: String) {
        #if os(Linux)
        guard wanted > 0, Self.unnamedFilesWork(in: directory, probe: scratch + "/.unnamed-probe") else { return nil }
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0 else { return nil }
        let needed = rlim_t(wanted + Self.reserve)
        if limit.rlim_cur < needed && limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = min(needed, limit.rlim_max)
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        budget = min(wanted, Int(clamping: limit.rlim_cur) - Self.reserve)
        guard budget > 0 else { return nil }
        #else
        return nil
        #endif
    }

    /// True when one more may be opened; then `release` must follow.
    func reserve() -> Bool {
        var current = opened.load(ordering: .relaxed)
        while current < budget {
            let (exchanged, found) = opened.compareExchange(expected: current, desired: current + 1, ordering: .relaxed)
            if exchanged { return true }
            current = found
        }
        return false
    }

    func release() {
        opened.subtract(1, ordering: .relaxed)
    }

    #if os(Linux)
    /// An unnamed file in the directory, open for writing; -1 when it cannot be made.
    static func openUnnamed(in directory: String) -> Int32 {
        // O_TMPFILE is a GNU macro Swift does not see; glibc defines it as this value, which includes O_DIRECTORY.
        open(directory, __O_TMPFILE | O_WRONLY | O_CLOEXEC, 0o644)
    }

    /// Gives an unnamed file a name, through the link /proc keeps for each open descriptor (the one way that needs
    /// no privilege). Fails with EEXIST when `path` exists.
    static func link(_ descriptor: Int32, to path: String) -> Bool {
        linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0
    }

    /// Whether an unnamed file can be made in the directory and linked into it.
    private static func unnamedFilesWork(in directory: String, probe: String) -> Bool {
        let descriptor = openUnnamed(in: directory)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        unlink(probe)
        guard link(descriptor, to: probe) else { return false }
        unlink(probe)
        return true
    }
    #endif
}
