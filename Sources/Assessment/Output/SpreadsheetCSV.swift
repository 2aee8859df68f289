/// CSV as spreadsheets read it safely: RFC 4180 quoting, CRLF line ends, and no cell a spreadsheet
/// would run as a formula (one starting with `=`, `+`, `-` or `@` gets a leading `'`, numbers aside),
/// so nothing a client wrote can execute when the file is opened.
public enum SpreadsheetCSV {
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    public static func field(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(value) == nil {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
