/// The kept fragments by part: an open-addressing table indexed by the part's own sample of its
/// texts (`StaticPart.sample`), so a lookup samples each text once and runs no `Hasher` over the
/// result, as a `Dictionary` would. Parts with the same sample are told apart by `==`.
struct StaticPartTable {
    private struct Entry {
        let sample: UInt64
        let part: StaticPart
        let fragment: SerializedFragment
    }

    /// A power of two, at least twice `count`, so a probe soon meets an empty slot.
    private var slots = [Entry?](repeating: nil, count: 64)
    /// 64 less the bits of a slot's index, which are a sample's top bits after a multiply (the best mixed).
    private var shift: UInt64 = 64 - 6
    private(set) var count = 0

    func fragment(for part: StaticPart, sample: UInt64) -> SerializedFragment? {
        var index = slot(sample)
        while let entry = slots[index] {
            if entry.sample == sample && entry.part == part { return entry.fragment }
            index = (index + 1) & (slots.count - 1)
        }
        return nil
    }

    /// Adds a part that is not in the table.
    mutating func insert(_ fragment: SerializedFragment, for part: StaticPart, sample: UInt64) {
        if (count + 1) * 2 > slots.count { grow() }
        place(Entry(sample: sample, part: part, fragment: fragment))
        count += 1
    }

    private mutating func place(_ entry: Entry) {
        var index = slot(entry.sample)
        while slots[index] != nil { index = (index + 1) & (slots.count - 1) }
        slots[index] = entry
    }

    private func slot(_ sample: UInt64) -> Int {
        Int(truncatingIfNeeded: (sample &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func grow() {
        let entries = slots.compactMap { $0 }
        slots = [Entry?](repeating: nil, count: slots.count * 2)
        shift -= 1
        entries.forEach { place($0) }
    }
}
