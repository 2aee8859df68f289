import ArgumentParser
import Assessment

struct RubricCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rubric", abstract: "Check, show and list rubrics.",
        subcommands: [Lint.self, Show.self, List.self])

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a rubric file and print every problem found.",
            discussion: "Exit status: 0 when the rubric is clean, 1 when it has problems.")

        @Argument(help: "The rubric file.")
        var file: String

        func run() throws {
            do throws(DiagnosticsError) {
                let rubric = try RubricLoader.load(path: file)
                print("\(file): rubric '\(rubric.id)' version \(rubric.version) is valid: \(rubric.criteria.count) criteria, \(rubric.questions.count) questions, \(rubric.rules.count) rules")
            } catch {
                StandardError.report(error.diagnostics)
                StandardError.write("\(file): \(error.diagnostics.count) problem\(error.diagnostics.count == 1 ? "" : "s") found\n")
                throw ExitCode.invalidInput
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a rubric, normalised, as JSON (documented in Rubrics/README.md).")

        enum Format: String, ExpressibleByArgument { case json }

        @Argument(help: ArgumentHelp("The rubric, by id or file.", valueName: "ID|FILE"))
        var rubric: String

        @Option(help: "Output format.")
        var format: Format = .json

        @OptionGroup var search: RubricSearchOptions

        func run() throws {
            print(StableJSON.encode(RubricDescription(try search.rubric(rubric))))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the rubrics on the search path.",
            discussion: "The search path: --rubrics DIR, then INSOURCE_RUBRICS (directories separated by ':'), then ./Rubrics, then the Rubrics folder of the Insource package the executable was built from.")

        @OptionGroup var search: RubricSearchOptions

        func run() throws {
            let path = search.searchPath
            let entries = path.entries()
            if entries.isEmpty {
                print("No rubrics found in: \(path.directories.joined(separator: ", "))")
                return
            }
            for entry in entries {
                switch entry.result {
                case .success(let rubric):
                    print("\(rubric.id)\t\(rubric.version)\t\(rubric.title)\t\(entry.path)")
                case .failure(let error):
                    print("(invalid)\t-\t\(error.diagnostics.count) problem(s); run 'insource rubric lint \(entry.path)'\t\(entry.path)")
                }
            }
        }
    }
}
