import ArgumentParser
import Assessment

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a questionnaire and print the assessment.",
        discussion: "Exit status: 0 when scored, 1 when the questionnaire or rubric has problems (printed on stderr), 64 for usage errors.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "A questionnaire file (YAML or JSON).")
    var file: String

    @Option(help: ArgumentHelp("The rubric, by id or file; by default the one the questionnaire names, else social-media.", valueName: "ID|FILE"))
    var rubric: String?

    @Option(help: "Output format.")
    var format: Format = .text

    @OptionGroup var search: RubricSearchOptions

    func run() throws {
        let assessment = try Scoring.assess(file: file, rubric: rubric, search: search.searchPath)
        switch format {
        case .json: print(StableJSON.encode(assessment))
        case .text: print(TextSummary.render(assessment, style: .forStandardOutput()), terminator: "")
        }
    }
}

/// Reading, checking and scoring one questionnaire, shared by the commands that need an assessment.
enum Scoring {
    static let defaultRubric = "social-media"

    static func assess(file: String, rubric reference: String?, search: RubricSearchPath) throws -> Assessment {
        do throws(DiagnosticsError) {
            let document = try QuestionnaireLoader.read(path: file)
            let rubric = try search.resolve(reference ?? document.rubricID ?? defaultRubric)
            let questionnaire = try QuestionnaireLoader.check(document, against: rubric)
            return Scorer.score(questionnaire, with: rubric)
        } catch {
            StandardError.report(error.diagnostics)
            throw ExitCode.invalidInput
        }
    }
}
