/// The kept fragments by part: an open-addressing table indexed by the part's own sample of its
/// texts (`StaticPart.sample`), so a lookup samples each text once and runs no `Hasher` over the
/// result, as a `Dictionary` would. Parts with the same sample are told apart by `==`.
///
/// A lookup reads the slots in place and returns the fragment's facts, plain values: every report
/// on every thread looks up a hundred parts, and copying an entry out would count references on
/// strings and fragments all the threads share.
struct StaticPartTable {
    /// Slot by slot: the fragment's facts (nil for an empty slot), the part's sample and the part.
    /// A power of two long, at least twice `count`, so a probe soon meets an empty slot.
    private var facts = [UnsafeMutablePointer<FragmentFacts>?](repeating: nil, count: 64)
    private var samples = [UInt64](repeating: 0, count: 64)
    private var parts = [StaticPart?](repeating: nil, count: 64)
    /// The fragments, which own the facts, in the order they were added.
    private var fragments: [SerializedFragment] = []
    /// 64 less the bits of a slot's index, which are a sample's top bits after a multiply (the best mixed).
    private var shift: UInt64 = 64 - 6

    var count: Int { fragments.count }

    func fragment(for part: StaticPart, sample: UInt64) -> UnsafeMutablePointer<FragmentFacts>? {
        facts.withUnsafeBufferPointer { facts in
            samples.withUnsafeBufferPointer { samples in
                parts.withUnsafeBufferPointer { parts in
                    var index = slot(sample)
                    while let found = facts[index] {
                        if samples[index] == sample && parts[index] == part { return found }
                        index = (index + 1) & (facts.count - 1)
                    }
                    return nil
                }
            }
        }
    }

    /// Adds a part that is not in the table.
    mutating func insert(_ fragment: SerializedFragment, for part: StaticPart, sample: UInt64) {
        if (count + 1) * 2 > facts.count { grow() }
        place(fragment.facts, part, sample)
        fragments.append(fragment)
    }

    private mutating func place(_ fragmentFacts: UnsafeMutablePointer<FragmentFacts>, _ part: StaticPart, _ sample: UInt64) {
        var index = slot(sample)
        while facts[index] != nil { index = (index + 1) & (facts.count - 1) }
        facts[index] = fragmentFacts
        samples[index] = sample
        parts[index] = part
    }

    private func slot(_ sample: UInt64) -> Int {
        Int(truncatingIfNeeded: (sample &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func grow() {
        let entries = facts.indices.compactMap { index in facts[index].map { ($0, parts[index]!, samples[index]) } }
        let size = facts.count * 2
        facts = Array(repeating: nil, count: size)
        samples = Array(repeating: 0, count: size)
        parts = Array(repeating: nil, count: size)
        shift -= 1
        for (fragmentFacts, part, sample) in entries { place(fragmentFacts, part, sample) }
    }
}
