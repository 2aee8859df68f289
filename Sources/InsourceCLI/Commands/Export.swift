import ArgumentParser
import Assessment
import History

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the whole history, one row per assessment and criterion, for a spreadsheet.",
        discussion: "Exit status: 0 when exported, 1 when the database cannot be read, 64 for usage errors.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @Option(help: "Output format.")
    var format: Format = .csv

    @OptionGroup var history: HistoryOptions

    func run() throws {
        let store = try history.open(.read)
        let rows = try HistoryDatabase.attempt { () throws(HistoryError) in try store.exportRows() }
        switch format {
        case .json:
            print(StableJSON.encode(rows.map(ExportJSON.init)))
        case .csv:
            print(CSVText.row(Self.header), terminator: "")
            for row in rows {
                let client = row.client
                let assessment = row.assessment
                let criterion = row.criterion
                print(CSVText.row([
                    client.explicitID ?? "", client.name, client.email ?? "", client.industry ?? "", String(assessment.id),
                    assessment.date, assessment.recordedAt, assessment.rubricID, assessment.rubricVersion, assessment.rubricSHA256,
                    assessment.questionnaireSHA256, CSVText.number(assessment.overall), assessment.verdict.rawValue,
                    criterion.id, criterion.title, String(criterion.weight), CSVText.number(criterion.score), criterion.band ?? "",
                ]), terminator: "")
            }
        }
    }

    static let header = [
        "client_id", "client", "email", "industry", "assessment", "date", "recorded_at", "rubric", "rubric_version",
        "rubric_sha256", "questionnaire_sha256", "overall", "verdict", "criterion", "criterion_title", "weight", "score", "band",
    ]
}
