import Foundation

/// CSV as RFC 4180 writes it: a field with a comma, quote or line break is quoted, quotes doubled, CRLF line ends.
enum CSVText {
    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A score as a spreadsheet reads it: one decimal, empty when there is none.
    static func number(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0) } ?? ""
    }
}
