import ArgumentParser
import Assessment
import RuleExpressions

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a rule expression and print its value as JSON.",
        discussion: """
            With --questionnaire, the expression can read answers.<id>, client.<field> and, after scoring, \
            scores.<criterion>, overall and coverage. With --rubric alone, those names are declared but unset. \
            --vars adds top-level names from a JSON object. The language is described in Rubrics/EXPRESSIONS.md.
            Exit status: 0 with a value, 1 for an evaluation or compile error.
            """)

    @Argument(help: "The expression, e.g. 'answers.reply_hours <= 1.0'.")
    var expression: String

    @Option(help: ArgumentHelp("A questionnaire whose answers, client and scores the expression reads.", valueName: "FILE"))
    var questionnaire: String?

    @Option(help: ArgumentHelp("The rubric, by id or file.", valueName: "ID|FILE"))
    var rubric: String?

    @Option(help: ArgumentHelp("A JSON object of extra variables, e.g. '{\"x\": 3}'.", valueName: "JSON"))
    var vars: String?

    @OptionGroup var search: RubricSearchOptions

    func run() throws {
        let context: ExpressionContext
        do throws(DiagnosticsError) {
            context = try ExpressionContext.make(
                questionnaire: questionnaire, rubric: rubric, vars: vars, search: search.searchPath)
        } catch {
            StandardError.report(error.diagnostics)
            throw ExitCode.invalidInput
        }
        let compiled: CompiledExpression
        do throws(ExpressionDiagnostics) {
            compiled = try CompiledExpression(expression, environment: context.environment)
        } catch {
            let source = SourceText(path: "<expression>", text: expression)
            StandardError.report(error.diagnostics.map {
                source.diagnostic($0.message, at: SourceLocation(line: $0.span.start.line, column: $0.span.start.column))
            })
            throw ExitCode.invalidInput
        }
        let value = compiled.evaluate(context.activation)
        if case .error(let failure) = value {
            StandardError.write("error: \(failure.message)\n")
            throw ExitCode.invalidInput
        }
        print(value.jsonText)
    }
}
