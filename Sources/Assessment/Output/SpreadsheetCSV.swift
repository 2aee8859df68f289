/// CSV as spreadsheets read it safely: RFC 4180 quoting, CRLF line ends, and no cell a spreadsheet
/// would run as a formula (one starting with `=`, `+`, `-` or `@` gets a leading `'`, numbers aside),
/// so nothing a client wrote can execute when the file is opened.
public enum SpreadsheetCSV {
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    public static func field(_ text: String) -> String {
        // Checked on bytes, not Characters: a reader splits on the byte ',' or '"' even when a combining mark
        // follows it, and a batch's summary has a row per client.
        let guarded = text.utf8.first.map(formulaStarts.contains) == true && Double(text) == nil
        let quoted = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard guarded || quoted else { return text }
        let value = guarded ? "'" + text : text
        guard quoted else { return value }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(value.utf8.count + 8)
        for byte in value.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// First characters that make a spreadsheet read a cell as a formula.
    private static let formulaStarts: Set<UInt8> = Set("=+-@\t\r".utf8)
}
