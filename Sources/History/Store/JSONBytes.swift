import Assessment

/// JSON written straight into a reusable byte buffer: recording thousands of assessments a second leaves no room for
/// a `String` per value. Writes exactly what `JSONText` writes, byte for byte.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// Starts again, keeping the buffer.
    mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func ascii(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func byte(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// `"key":`, for a key that needs no escaping.
    mutating func key(_ key: StaticString) {
        bytes.append(0x22)
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [0x22, 0x3A])
    }

    mutating func value(_ value: JSONValue) {
        switch value {
        case .null: ascii("null")
        case .bool(let flag): flag ? ascii("true") : ascii("false")
        case .int(let number): integer(number)
        // `description` is what interpolation writes, without building an interpolation first.
        case .double(let number): number.isFinite ? bytes.append(contentsOf: number.description.utf8) : ascii("null")
        case .string(let text): string(text)
        case .array(let values):
            bytes.append(0x5B)
            for (index, element) in values.enumerated() {
                if index > 0 { bytes.append(0x2C) }
                self.value(element)
            }
            bytes.append(0x5D)
        }
    }

    /// A JSON string. Works on UTF-8 bytes: every byte to escape is ASCII, and no byte of a multi-byte character is
    /// below 0x80; text with nothing to escape, the usual case, is copied whole.
    mutating func string(_ text: String) {
        bytes.append(0x22)
        // In place when the bytes are contiguous (native strings): no copy of `text` to retain and release.
        if text.utf8.withContiguousStorageIfAvailable({ escaped($0) }) == nil {
            var text = text
            text.withUTF8 { escaped($0) }
        }
        bytes.append(0x22)
    }

    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Runs of bytes that need no escaping are copied whole.
        var run = 0
        var index = 0
        while true {
            index = Self.firstToEscape(in: utf8, from: index)
            guard index < utf8.count else { break }
            let byte = utf8[index]
            if run < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index])) }
            run = index + 1
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            default: bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex(byte >> 4), Self.hex(byte & 0x0F)])
            }
            index += 1
        }
        if run < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...])) }
    }

    /// The index of the first byte from `start` on that needs escaping (below 0x20, `"` or `\`), else `utf8.count`.
    /// Looks at eight bytes at a time: text rarely has any, and most strings are longer than eight bytes.
    private static func firstToEscape(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = utf8.baseAddress {
            while index + 8 <= utf8.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if hasByteToEscape(word) { break }
                index += 8
            }
        }
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return index }
            index += 1
        }
        return index
    }

    /// Whether any of the eight bytes in `word` is below 0x20, 0x22 or 0x5C (the usual bit tricks: a byte below `n`
    /// borrows into its top bit when `n` is subtracted from it, and a byte equal to `c` is zero after `^ c`).
    private static func hasByteToEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let tops: UInt64 = 0x8080_8080_8080_8080
        func bytes(below n: UInt64, in word: UInt64) -> UInt64 { (word &- ones &* n) & ~word & tops }
        let control = bytes(below: 0x20, in: word)
        let quote = bytes(below: 1, in: word ^ (ones &* 0x22))
        let backslash = bytes(below: 1, in: word ^ (ones &* 0x5C))
        return control | quote | backslash != 0
    }

    /// A whole number in decimal, as `String(number)` writes it.
    mutating func integer(_ number: Int) {
        if number < 0 { bytes.append(0x2D) }
        var magnitude = number.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    private static func hex(_ digit: UInt8) -> UInt8 {
        digit < 10 ? 0x30 + digit : 0x61 + digit - 10
    }
}

extension StoredQuestionnaire {
    /// Writes what `StoredQuestionnaire(assessment).json()` writes into `out`, without building the questionnaire or any
    /// string: the same members and values, the answers in the rubric's order rather than sorted (`json(keeping:)`,
    /// which `rescore` reads, sorts them again).
    static func write(_ assessment: Assessment, into out: inout JSONBytes) {
        var answerValues: [Range<Int>?] = []
        write(assessment, into: &out, answerValues: &answerValues)
    }

    /// The same, adding to `answerValues` where the value of each of `assessment.answers` was written (nil for a
    /// question not answered), so the answers table can store those bytes rather than encode every answer again.
    static func write(_ assessment: Assessment, into out: inout JSONBytes, answerValues: inout [Range<Int>?]) {
        out.byte(0x7B)
        out.key("answers")
        out.byte(0x7B)
        // In the assessment's (the rubric's) order: the reader makes a dictionary of them, so no sort is needed.
        var first = true
        for record in assessment.answers {
            guard let answer = record.answer else {
                answerValues.append(nil)
                continue
            }
            if !first { out.byte(0x2C) }
            first = false
            out.string(record.question)
            out.byte(0x3A)
            let start = out.bytes.count
            out.value(answer)
            answerValues.append(start..<out.bytes.count)
        }
        out.byte(0x7D)
        let questionnaire = assessment.questionnaire
        if let assessedOn = questionnaire.assessedOn {
            out.byte(0x2C)
            out.key("assessed_on")
            out.string(assessedOn)
        }
        if let assessor = questionnaire.assessor {
            out.byte(0x2C)
            out.key("assessor")
            out.string(assessor)
        }
        out.byte(0x2C)
        out.key("client")
        writeClient(assessment.client, into: &out)
        if let notes = questionnaire.notes {
            out.byte(0x2C)
            out.key("notes")
            out.string(notes)
        }
        out.byte(0x7D)
    }

    private static func writeClient(_ client: Client, into out: inout JSONBytes) {
        out.byte(0x7B)
        var first = true
        func member(_ key: StaticString, _ value: String?) {
            guard let value else { return }
            if !first { out.byte(0x2C) }
            first = false
            out.key(key)
            out.string(value)
        }
        member("email", client.email)
        if let employees = client.employees {
            if !first { out.byte(0x2C) }
            first = false
            out.key("employees")
            out.integer(employees)
        }
        member("id", client.id)
        member("industry", client.industry)
        member("location", client.location)
        member("name", client.name)
        member("owner", client.owner)
        member("website", client.website)
        out.byte(0x7D)
    }
}

