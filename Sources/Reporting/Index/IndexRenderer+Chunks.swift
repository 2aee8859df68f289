import Dispatch
import Synchronization

/// The rows of a long HTML index built on several threads. The index is written at the end of a batch,
/// when the scoring threads are done and the cores are otherwise idle, and building the rows through
/// libxml2 is most of its cost.
extension IndexRenderer {
    /// Chunks built at once: a few per core keep both cores busy to the end of a wave, and a wave holds
    /// only their serialized bytes (about 150 KB a chunk), so memory stays flat however long the index.
    public static let defaultChunksAtOnce = 8

    /// Calls `sink` with `render` of each `chunkSize` items, in order. Waves of `chunksAtOnce` chunks are
    /// rendered concurrently, then written, before the next wave starts.
    static func writeChunks<Item: Sendable>(
        of items: [Item], chunksAtOnce: Int, to sink: ([UInt8]) throws -> Void,
        render: @escaping @Sendable (ArraySlice<Item>) -> [UInt8]
    ) rethrows {
        let starts = Array(stride(from: 0, to: items.count, by: chunkSize))
        @Sendable func chunk(_ number: Int) -> ArraySlice<Item> {
            items[starts[number]..<min(starts[number] + chunkSize, items.count)]
        }
        let waveSize = max(1, chunksAtOnce)
        for waveStart in stride(from: 0, to: starts.count, by: waveSize) {
            let wave = waveStart..<min(waveStart + waveSize, starts.count)
            guard wave.count > 1 else {
                try sink(render(chunk(wave.lowerBound)))
                continue
            }
            let rendered = Mutex([[UInt8]](repeating: [], count: wave.count))
            DispatchQueue.concurrentPerform(iterations: wave.count) { slot in
                let bytes = render(chunk(wave.lowerBound + slot))
                rendered.withLock { $0[slot] = bytes }
            }
            for bytes in rendered.withLock({ $0 }) { try sink(bytes) }
        }
    }
}
