import ArgumentParser
import Assessment
import Foundation
import History

struct Rescore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score every stored questionnaire under another rubric, or another version of one, and compare verdicts.",
        discussion: """
            Prints, client by client, the verdict stored before and the one the rubric gives now, changed verdicts first. \
            With --save, each new assessment is recorded (one transaction each) and a line 'recorded N/M: CLIENT' is \
            printed as soon as it is safely stored.
            Exit status: 0 when every questionnaire was scored, 1 when some no longer fit the rubric (printed on stderr) \
            or the database cannot be used, 64 for usage errors.
            """)

    @Option(help: ArgumentHelp("The rubric to score with, by id or file.", valueName: "ID|FILE"))
    var rubric: String

    @Flag(help: "Record the new assessments in the history.")
    var save = false

    @OptionGroup var search: RubricSearchOptions
    @OptionGroup var history: HistoryOptions

    func run() throws {
        let rubric = try search.rubric(self.rubric)
        let store = try history.open(save ? .readWrite : .read)
        let entries = try HistoryDatabase.attempt { () throws(HistoryError) in
            try store.storedQuestionnaires(excludingRubric: rubric.origin.sha256)
        }
        let results = Rescoring.rescore(entries, with: rubric)
        if save {
            let scored = results.compactMap { try? $0.outcome.get() }
            for (index, assessment) in scored.enumerated() {
                try HistoryDatabase.attempt { () throws(HistoryError) in try store.record(assessment) }
                // Printed only once committed, and flushed at once: a line seen means the assessment is stored.
                print("recorded \(index + 1)/\(scored.count): \(Plain.text(assessment.client.name))")
                fflush(nil)  // every output stream: `stdout` itself is not concurrency-safe to name in Swift 6
            }
        }
        print(Self.report(results, rubric: rubric), terminator: "")
        let failures = results.compactMap { result -> [Diagnostic]? in
            if case .failure(let error) = result.outcome { return error.diagnostics }
            return nil
        }
        if !failures.isEmpty {
            StandardError.report(failures.flatMap { $0 })
            throw ExitCode.invalidInput
        }
    }

    static func report(_ results: [RescoreResult], rubric: Rubric) -> String {
        guard !results.isEmpty else { return "No stored questionnaires to rescore.\n" }
        let changed = results.filter(\.verdictChanged)
        let header = "Rescored \(results.count) questionnaire\(results.count == 1 ? "" : "s") under \(rubric.id) \(rubric.version) "
            + "(sha256 \(rubric.origin.sha256.prefix(12))): \(changed.count) verdict\(changed.count == 1 ? "" : "s") changed.\n\n"
        let rows = [["", "Client", "Date", "Before", "Now"]]
            + (changed + results.filter { !$0.verdictChanged }).map { result in
                let before = result.entry.assessment
                let now: String
                switch result.outcome {
                case .success(let assessment): now = "\(assessment.verdict.rawValue) (\(CSVText.number(assessment.overall)))"
                case .failure: now = "cannot be scored (see below)"
                }
                return [
                    result.verdictChanged ? "*" : "", Plain.text(result.entry.client.name), before.date,
                    "\(before.verdict.rawValue) (\(CSVText.number(before.overall))) under \(before.rubricID) \(before.rubricVersion)", now,
                ]
            }
        return header + Plain.table(rows)
    }
}
