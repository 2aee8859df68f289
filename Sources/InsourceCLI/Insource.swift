import ArgumentParser
import Assessment

@main
struct Insource: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insource",
        abstract: "Decide whether a business should keep a function in-house or outsource it.",
        version: InsourceVersion.current,
        subcommands: [
            Score.self, RubricCommand.self, QuestionnaireCommand.self, Evaluate.self, HistoryCommand.self, Export.self, Rescore.self, MailCommand.self,
        ])
}

/// Options shared by every command that looks rubrics up by id.
struct RubricSearchOptions: ParsableArguments {
    @Option(name: .customLong("rubrics"), help: ArgumentHelp("A directory of rubrics to search first.", valueName: "DIR"))
    var directories: [String] = []

    var searchPath: RubricSearchPath { RubricSearchPath.standard(extra: directories) }

    /// The rubric a reference (id or file) names; its problems are printed and the command exits 1.
    func rubric(_ reference: String) throws -> Rubric {
        do throws(DiagnosticsError) {
            return try searchPath.resolve(reference)
        } catch {
            StandardError.report(error.diagnostics)
            throw ExitCode.invalidInput
        }
    }
}

/// Exit statuses: 1 for input that failed its checks (the diagnostics are printed first).
extension ExitCode {
    static let invalidInput = ExitCode(1)
}
