import Assessment
import Foundation
import History

/// The text, JSON and CSV forms of `insource history`.
enum HistoryOutput {
    static func clients(_ clients: [ClientSummary], format: HistoryCommand.Format) -> String {
        switch format {
        case .json:
            return StableJSON.encode(clients.map(ClientJSON.init)) + "\n"
        case .csv:
            return CSVText.row(["client_id", "client", "industry", "assessments", "latest_date", "rubric", "overall", "verdict"])
                + clients.map { client in
                    CSVText.row([
                        client.explicitID ?? "", client.name, client.industry ?? "", String(client.assessmentCount),
                        client.latest.date, client.latest.rubricID, CSVText.number(client.latest.overall),
                        client.latest.verdict.rawValue,
                    ])
                }.joined()
        case .text:
            guard !clients.isEmpty else { return "No assessments recorded yet.\n" }
            let rows = [["Client", "Industry", "Assessments", "Latest", "Overall", "Verdict"]] + clients.map { client in
                [Plain.text(client.name), Plain.text(client.industry ?? "-"), String(client.assessmentCount), client.latest.date,
                 CSVText.number(client.latest.overall), client.latest.verdict.rawValue]
            }
            return Plain.table(rows)
        }
    }

    static func client(_ client: ClientSummary, entries: [HistoryEntry], format: HistoryCommand.Format) -> String {
        switch format {
        case .json:
            return StableJSON.encode(ClientHistoryJSON(client: ClientJSON(client), assessments: entries.map(EntryJSON.init))) + "\n"
        case .csv:
            return CSVText.row([
                "date", "rubric", "rubric_version", "overall", "overall_change", "verdict", "criterion", "score", "score_change",
            ]) + entries.flatMap { entry in
                entry.criteria.map { criterion in
                    CSVText.row([
                        entry.assessment.date, entry.assessment.rubricID, entry.assessment.rubricVersion,
                        CSVText.number(entry.assessment.overall), CSVText.number(entry.overallChange), entry.assessment.verdict.rawValue,
                        criterion.id, CSVText.number(criterion.score), CSVText.number(criterion.change),
                    ])
                }
            }.joined()
        case .text:
            var lines = ["\(Plain.text(client.name))\(client.industry.map { " (\(Plain.text($0)))" } ?? "")"]
            for entry in entries {
                let summary = entry.assessment
                lines.append("")
                lines.append("\(summary.date)  \(summary.rubricID) \(summary.rubricVersion)  overall \(CSVText.number(summary.overall))"
                    + "\(change(entry.overallChange))  \(summary.verdict.rawValue)")
                let width = entry.criteria.map(\.title.count).max() ?? 0
                for criterion in entry.criteria {
                    let title = criterion.title.padding(toLength: width, withPad: " ", startingAt: 0)
                    lines.append("  \(Plain.text(title))  \(CSVText.number(criterion.score).leftPadded(5))\(change(criterion.change))")
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// " (+4.5)", " (-2.0)", " (=)", or nothing when there is nothing to compare with.
    static func change(_ value: Double?) -> String {
        guard let value else { return "" }
        if value == 0 { return " (=)" }
        return " (\(value > 0 ? "+" : "")\(String(format: "%.1f", value)))"
    }
}

/// Text from the database shown on a terminal: control characters made visible, so a stored name cannot move the cursor.
enum Plain {
    static func text(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { scalar in
            (scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)) ? "?" : scalar
        }))
    }

    static func table(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
