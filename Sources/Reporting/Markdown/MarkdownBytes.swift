/// A growable byte buffer for Markdown output.
///
/// `Array` checks uniqueness and capacity on every append and goes through generic code for every
/// slice; a report makes thousands of small appends, so this buffer checks capacity only, and the
/// escaping loop reserves room once per text node and then writes through a pointer. Not copyable,
/// so its memory has exactly one owner and is freed exactly once.
struct MarkdownBytes: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < count, "position outside the written bytes")
        return base[position]
    }

    /// The bytes from `start` to the end, valid until the next change.
    func suffix(from start: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(start >= 0 && start <= count, "position outside the written bytes")
        return UnsafeBufferPointer(start: base + start, count: count - start)
    }

    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if capacity - count < extra { grow(toAtLeast: count + extra) }
    }

    private mutating func grow(toAtLeast minimum: Int) {
        var newCapacity = capacity * 2
        while newCapacity < minimum { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(_ byte: UInt8, count repeats: Int) {
        guard repeats > 0 else { return }
        reserve(repeats)
        (base + count).initialize(repeating: byte, count: repeats)
        count += repeats
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    /// Writes `value` in decimal, for list numbers.
    mutating func append(decimal value: Int) {
        if value >= 10 { append(decimal: value / 10) }
        append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// Takes back everything from `position` on.
    mutating func removeAll(from position: Int) {
        precondition(position >= 0 && position <= count, "position outside the written bytes")
        count = position
    }

    mutating func insert(_ byte: UInt8, at position: Int) {
        precondition(position >= 0 && position <= count, "position outside the written bytes")
        reserve(1)
        (base + position + 1).update(from: base + position, count: count - position)  // overlapping: a memmove
        base[position] = byte
        count += 1
    }

    /// Lets `write` put at most `maximum` bytes after the end, through the base pointer and the count,
    /// which it moves itself; it may also read or take back what is already written.
    @inline(__always)
    mutating func writing<Result>(
        atMost maximum: Int, _ write: (UnsafeMutablePointer<UInt8>, inout Int) -> Result
    ) -> Result {
        reserve(maximum)
        let limit = count + maximum
        let result = write(base, &count)
        precondition(count <= limit, "wrote more than it reserved")
        return result
    }
}
