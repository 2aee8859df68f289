import ArgumentParser
import Assessment
import Foundation

struct QuestionnaireCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questionnaire", abstract: "Work with questionnaires.", subcommands: [New.self, Random.self])

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
            let loaded = try search.rubric(rubric)
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

extension QuestionnaireCommand {
    struct Random: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write valid questionnaires with random answers, the same files for the same seed (for load tests and demos).")

        @Option(help: ArgumentHelp("The rubric, by id or file.", valueName: "ID|FILE"))
        var rubric: String = Scoring.defaultRubric

        @Option(help: "How many questionnaires to write.")
        var count: Int

        @Option(help: "The seed; the same seed gives the same files.")
        var seed: UInt64 = 1

        @Option(name: .shortAndLong, help: ArgumentHelp("The directory to write into (created if needed).", valueName: "DIR"))
        var output: String

        @OptionGroup var search: RubricSearchOptions

        func validate() throws {
            guard (1...10_000_000).contains(count) else { throw ValidationError("--count must be between 1 and 10,000,000") }
        }

        func run() throws {
            let loaded = try search.rubric(rubric)
            var generator = RandomQuestionnaires(rubric: loaded, seed: seed)
            let width = String(count).count
            for number in 1...count {
                let padded = String(repeating: "0", count: max(0, width - String(number).count)) + String(number)
                try OutputFile.write(generator.next(number: number), to: "\(output)/questionnaire-\(padded).yaml")
            }
        }
    }
}
