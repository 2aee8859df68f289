/// Memory for the text and blobs bound to statements that are about to run, copied in once and left in place until
/// `reset()`, so SQLite can be told the bytes stay put (`SQLITE_STATIC`) instead of copying each value again.
///
/// Pointers handed out stay valid until `reset()`: the arena grows by adding chunks, never by moving one. Whoever
/// binds from it resets it only once every statement using those bytes has run and been reset.
final class BindArena {
    /// The chunk being filled. Kept apart from the filled ones so a copy touches only plain stored values, which
    /// Swift needs no run-time exclusivity check for.
    private var chunk: UnsafeMutableRawBufferPointer
    /// Bytes used in `chunk`.
    private var used = 0
    /// Chunks filled before `chunk`, kept until `reset()`.
    private var filled: [UnsafeMutableRawBufferPointer] = []

    init(capacity: Int = 16 * 1024) {
        chunk = Self.allocate(capacity)
    }

    deinit {
        chunk.deallocate()
        for chunk in filled { chunk.deallocate() }
    }

    private static func allocate(_ count: Int) -> UnsafeMutableRawBufferPointer {
        .allocate(byteCount: max(count, 64), alignment: 1)
    }

    /// Forgets everything copied in; keeps one chunk as large as all of them were, so the next round needs only one.
    func reset() {
        if !filled.isEmpty {
            let total = filled.reduce(chunk.count) { $0 + $1.count }
            for chunk in filled { chunk.deallocate() }
            filled.removeAll()
            chunk.deallocate()
            chunk = Self.allocate(total)
        }
        used = 0
    }

    /// A stable copy of `bytes`; never a null pointer, even for no bytes (SQLite reads a null text pointer as NULL).
    func copy(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if chunk.count - used < bytes.count { startChunk(holding: bytes.count) }
        let start = chunk.baseAddress.unsafelyUnwrapped + used
        if let source = bytes.baseAddress, bytes.count > 0 { start.copyMemory(from: source, byteCount: bytes.count) }
        used += bytes.count
        return UnsafeRawBufferPointer(start: start, count: bytes.count)
    }

    /// A stable copy of `text`'s UTF-8: read in place (a native string's bytes are contiguous), so without the
    /// retain and release that `withUTF8` on a copy costs.
    func copy(_ text: String) -> UnsafeRawBufferPointer {
        if let copied = text.utf8.withContiguousStorageIfAvailable({ copy(UnsafeRawBufferPointer($0)) }) { return copied }
        var text = text
        return text.withUTF8 { copy(UnsafeRawBufferPointer($0)) }
    }

    private func startChunk(holding count: Int) {
        filled.append(chunk)
        chunk = Self.allocate(max(chunk.count * 2, count))
        used = 0
    }
}

@available(*, unavailable)
extension BindArena: Sendable {}
