import Assessment
import Foundation

/// CSV for `history` and `export`, written the same formula-safe way as the batch summary.
enum CSVText {
    static func row(_ fields: [String]) -> String {
        SpreadsheetCSV.row(fields)
    }

    /// A score as a spreadsheet reads it: one decimal, empty when there is none.
    static func number(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0) } ?? ""
    }
}
