/// Which bytes a JSON string escapes, and how.
enum JSONEscape {
    /// Whether any of the eight bytes in `word` is below 0x20, 0x22 or 0x5C (the usual bit tricks: a byte below `n`
    /// borrows into its top bit when `n` is subtracted from it, and a byte equal to `c` is zero after `^ c`).
    static func hasByteToEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let tops: UInt64 = 0x8080_8080_8080_8080
        func bytes(below n: UInt64, in word: UInt64) -> UInt64 { (word &- ones &* n) & ~word & tops }
        let control = bytes(below: 0x20, in: word)
        let quote = bytes(below: 1, in: word ^ (ones &* 0x22))
        let backslash = bytes(below: 1, in: word ^ (ones &* 0x5C))
        return control | quote | backslash != 0
    }

    /// Writes `byte`, escaped if it must be, at `out` (which has room for six bytes); returns where the next goes.
    static func write(_ byte: UInt8, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        func backslash(_ second: UInt8) -> UnsafeMutablePointer<UInt8> {
            out[0] = 0x5C
            out[1] = second
            return out + 2
        }
        switch byte {
        case 0x22, 0x5C: return backslash(byte)
        case 0x0A: return backslash(0x6E)
        case 0x0D: return backslash(0x72)
        case 0x09: return backslash(0x74)
        case ..<0x20:
            (out[0], out[1], out[2], out[3], out[4], out[5]) = (0x5C, 0x75, 0x30, 0x30, hex(byte >> 4), hex(byte & 0x0F))
            return out + 6
        default:
            out.pointee = byte
            return out + 1
        }
    }

    private static func hex(_ digit: UInt8) -> UInt8 {
        digit < 10 ? 0x30 + digit : 0x61 + digit - 10
    }
}
