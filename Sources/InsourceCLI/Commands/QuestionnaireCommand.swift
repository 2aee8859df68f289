import ArgumentParser
import Assessment
import Foundation

struct QuestionnaireCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questionnaire", abstract: "Work with questionnaires.", subcommands: [New.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a blank questionnaire, every question with its prompt and allowed answers as comments.")

        @Option(help: ArgumentHelp("The rubric, by id or file.", valueName: "ID|FILE"))
        var rubric: String = Scoring.defaultRubric

        @Option(help: "The client's name, filled in.")
        var client: String?

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output (refuses to overwrite).")
        var output: String?

        @OptionGroup var search: RubricSearchOptions

        func run() throws {
            let loaded: Rubric
            do throws(DiagnosticsError) {
                loaded = try search.searchPath.resolve(rubric)
            } catch {
                StandardError.report(error.diagnostics)
                throw ExitCode.invalidInput
            }
            let today = Date().formatted(Date.ISO8601FormatStyle(timeZone: .current).year().month().day())
            let text = QuestionnaireTemplate.blank(for: loaded, clientName: client, today: today)
            guard let output else {
                print(text, terminator: "")
                return
            }
            if FileManager.default.fileExists(atPath: output) {
                throw ValidationError("\(output) already exists; choose another path")
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .withoutOverwriting)
        }
    }
}
