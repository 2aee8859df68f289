import Assessment

/// JSON written straight into a reusable byte buffer: recording thousands of assessments a second leaves no room for
/// a `String` per value. Writes exactly what `JSONText` writes, byte for byte.
///
/// The buffer is memory of its own that it grows itself: appending to an array checked the array's uniqueness and
/// capacity on every byte or run, most of what writing a short string cost. A class, so writing is no access to
/// whatever holds it.
final class JSONBytes {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written since the last `clear()`.
    private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    /// The bytes written, valid until the next write or `clear()`.
    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: start, count: count) }

    /// A copy of the bytes written.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    /// Starts again, keeping the buffer.
    func clear() {
        count = 0
    }

    func byte(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    func ascii(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `"key":`, for a key that needs no escaping.
    func key(_ key: StaticString) {
        byte(0x22)
        ascii(key)
        byte(0x22)
        byte(0x3A)
    }

    func value(_ value: JSONValue) {
        switch value {
        case .null: ascii("null")
        case .bool(let flag): flag ? ascii("true") : ascii("false")
        case .int(let number): integer(number)
        case .double(let number): number.isFinite ? double(number) : ascii("null")
        case .string(let text): string(text)
        case .array(let values):
            byte(0x5B)
            for (index, element) in values.enumerated() {
                if index > 0 { byte(0x2C) }
                self.value(element)
            }
            byte(0x5D)
        }
    }

    /// A JSON string. Works on UTF-8 bytes: every byte to escape is ASCII, and no byte of a multi-byte character is
    /// below 0x80; runs with nothing to escape, the usual case, are copied eight bytes at a time.
    func string(_ text: String) {
        // In place when the bytes are contiguous (native strings): no copy of `text` to retain and release.
        if text.utf8.withContiguousStorageIfAvailable({ quoted($0) }) == nil {
            var text = text
            text.withUTF8 { quoted($0) }
        }
    }

    /// A whole number in decimal, as `String(number)` writes it.
    func integer(_ number: Int) {
        if number < 0 { byte(0x2D) }
        digits(of: UInt64(number.magnitude))
    }

    /// A finite double as `description` (and so interpolation) writes it. Most answers are below 1e9 with at most
    /// three decimals: the shortest decimal that reads back as the same double is then the one with the fewest
    /// decimals that does, which `description` writes plainly, so it is written here from its digits.
    private func double(_ number: Double) {
        let magnitude = number.magnitude
        if magnitude >= 0.001 && magnitude < 1e9 {
            var scale = 1.0
            for decimals in 0...3 {
                let scaled = (magnitude * scale).rounded()
                // Both exact below 2^53, so the division rounds as reading the decimal back would.
                if scaled / scale == magnitude {
                    let (whole, fraction) = UInt64(scaled).quotientAndRemainder(dividingBy: UInt64(scale))
                    if number < 0 { byte(0x2D) }
                    digits(of: whole)
                    byte(0x2E)
                    digits(of: fraction, width: max(decimals, 1))
                    return
                }
                scale *= 10
            }
        }
        unquoted(number.description)
    }

    /// `number` in decimal, with leading zeros up to `width` digits.
    private func digits(of number: UInt64, width: Int = 1) {
        var count = 0
        var rest = number
        repeat {
            count += 1
            rest /= 10
        } while rest > 0
        count = max(count, width)
        reserve(count)
        // Written from the last digit back.
        rest = number
        for offset in stride(from: count - 1, through: 0, by: -1) {
            start[self.count + offset] = 0x30 + UInt8(rest % 10)
            rest /= 10
        }
        self.count += count
    }

    private func unquoted(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil { append(Array(text.utf8)) }
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (start + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    private func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    private func reserve(_ extra: Int) {
        if capacity - count < extra { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, needed))
        larger.update(from: start, count: count)
        start.deallocate()
        start = larger
        capacity = max(capacity * 2, needed)
    }

    /// `utf8` between quotes, escaped. Room for the longest escaping (six bytes for one) is made first, so the loop
    /// writes without checking.
    private func quoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        reserve(utf8.count * 6 + 2)
        var out = start + count
        out.pointee = 0x22
        out += 1
        var index = 0
        if let source = utf8.baseAddress {
            while true {
                while index + 8 <= utf8.count {
                    let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                    if JSONEscape.hasByteToEscape(word) { break }
                    UnsafeMutableRawPointer(out).storeBytes(of: word, as: UInt64.self)
                    out += 8
                    index += 8
                }
                guard index < utf8.count else { break }
                out = JSONEscape.write(utf8[index], to: out)
                index += 1
            }
        }
        out.pointee = 0x22
        out += 1
        count = out - start
    }
}

@available(*, unavailable)
extension JSONBytes: Sendable {}
