/// Memory for the text and blobs bound to statements that are about to run, copied in once and left in place until
/// `reset()`, so SQLite can be told the bytes stay put (`SQLITE_STATIC`) instead of copying each value again.
///
/// Pointers handed out stay valid until `reset()`: the arena grows by adding chunks, never by moving one. Whoever
/// binds from it resets it only once every statement using those bytes has run and been reset.
final class BindArena {
    private var chunks: [(start: UnsafeMutableRawPointer, count: Int)] = []
    /// Bytes used in the last chunk.
    private var used = 0

    init(capacity: Int = 16 * 1024) {
        chunks = [Self.allocate(capacity)]
    }

    deinit {
        for chunk in chunks { chunk.start.deallocate() }
    }

    private static func allocate(_ count: Int) -> (start: UnsafeMutableRawPointer, count: Int) {
        let count = max(count, 64)
        return (UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 1), count)
    }

    /// Forgets everything copied in; keeps one chunk as large as all of them were, so the next round needs only one.
    func reset() {
        if chunks.count > 1 {
            let total = chunks.reduce(0) { $0 + $1.count }
            for chunk in chunks { chunk.start.deallocate() }
            chunks = [Self.allocate(total)]
        }
        used = 0
    }

    /// A stable copy of `bytes`; never a null pointer, even for no bytes (SQLite reads a null text pointer as NULL).
    func copy(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var chunk = chunks[chunks.count - 1]
        if chunk.count - used < bytes.count {
            chunk = Self.allocate(max(chunk.count * 2, bytes.count))
            chunks.append(chunk)
            used = 0
        }
        let start = chunk.start + used
        if let source = bytes.baseAddress, bytes.count > 0 { start.copyMemory(from: source, byteCount: bytes.count) }
        used += bytes.count
        return UnsafeRawBufferPointer(start: start, count: bytes.count)
    }

    /// A stable copy of `text`'s UTF-8.
    func copy(_ text: String) -> UnsafeRawBufferPointer {
        var text = text
        return text.withUTF8 { copy(UnsafeRawBufferPointer($0)) }
    }
}

@available(*, unavailable)
extension BindArena: Sendable {}
