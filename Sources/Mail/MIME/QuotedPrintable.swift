/// Quoted-printable (RFC 2045 §6.7) for text bodies: CRLF line ends, encoded lines of at most 76 characters.
enum QuotedPrintable {
    static let maximumLineLength = 76

    /// `text` with any mix of LF and CRLF line ends; the result ends with CRLF.
    static func encode(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + text.count / 8)
        var lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for var line in lines {
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            encodeLine(line, into: &out)
            out += [0x0D, 0x0A]
        }
        return out
    }

    private static func encodeLine(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var column = 0
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            let isLast = index == line.endIndex - 1
            let token = literal(byte, atLineStart: column == 0, isLast: isLast) ? [byte] : escaped(byte)
            // Leave room for the soft break's "=" unless this token ends the line.
            let limit = isLast ? maximumLineLength : maximumLineLength - 1
            if column + token.count > limit {
                out += [UInt8(ascii: "="), 0x0D, 0x0A]
                column = 0
                continue  // re-decide: a line start changes what may stay literal
            }
            out += token
            column += token.count
            index += 1
        }
    }

    /// Printable ASCII stays as it is, but for "=", white space at a line end (which transports strip), and a
    /// leading "." or "F" (SMTP's end-of-data dot and mbox's "From " line both live at a line start).
    private static func literal(_ byte: UInt8, atLineStart: Bool, isLast: Bool) -> Bool {
        if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { return !isLast }
        if atLineStart && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "F")) { return false }
        return byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func escaped(_ byte: UInt8) -> [UInt8] {
        [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
    }
}

/// Base64 (RFC 2045 §6.8) for attachments: lines of 76 characters, CRLF line ends.
enum Base64Lines {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 4 / 3 + bytes.count / 38 + 8)
        var column = 0
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            out += encodeChunk(chunk)
            column += 4
            index += 3
            if column == 76 && index < bytes.count {
                out += [0x0D, 0x0A]
                column = 0
            }
        }
        out += [0x0D, 0x0A]
        return out
    }

    /// Plain base64 of a short byte run, for RFC 2047 encoded words.
    static func encodeWord(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            out += encodeChunk(bytes[index..<min(index + 3, bytes.endIndex)])
            index += 3
        }
        return out
    }

    private static func encodeChunk(_ chunk: ArraySlice<UInt8>) -> [UInt8] {
        let bytes = Array(chunk)
        let first = bytes[0]
        let second = bytes.count > 1 ? bytes[1] : 0
        let third = bytes.count > 2 ? bytes[2] : 0
        let padding = UInt8(ascii: "=")
        return [
            alphabet[Int(first >> 2)],
            alphabet[Int((first & 0x03) << 4 | second >> 4)],
            bytes.count > 1 ? alphabet[Int((second & 0x0F) << 2 | third >> 6)] : padding,
            bytes.count > 2 ? alphabet[Int(third & 0x3F)] : padding,
        ]
    }
}
