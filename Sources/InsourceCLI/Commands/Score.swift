import ArgumentParser
import Assessment
import Foundation
import History
import Reporting

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a questionnaire and print or write the assessment.",
        discussion: """
            With one format and no -o, the result goes to standard output. With -o DIR, each format is written \
            as DIR/<client-slug>.<txt|json|html|md>; with one format, -o may also name the file itself.
            Each assessment is recorded in the history database (see --db) unless --no-history is given; the same \
            questionnaire scored again under the same rubric is recorded once.
            Exit status: 0 when scored, 1 when the questionnaire, rubric or template has problems (printed on stderr), \
            64 for usage errors.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, html, markdown

        var fileExtension: String {
            switch self {
            case .text: return "txt"
            case .json: return "json"
            case .html: return "html"
            case .markdown: return "md"
            }
        }
    }

    @Argument(help: ArgumentHelp(
        "A questionnaire file (YAML or JSON); several files, directories or CSV files score a batch (see --jobs).",
        valueName: "input"))
    var inputs: [String] = []

    /// The one questionnaire of a single-file run.
    var file: String { inputs.first ?? "" }

    @Option(help: ArgumentHelp("The rubric, by id or file; by default the one the questionnaire names, else social-media.", valueName: "ID|FILE"))
    var rubric: String?

    @Option(help: "Output format; repeat for several (with -o).")
    var format: [Format] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write: a directory, or with one format a file.", valueName: "PATH"))
    var output: String?

    @Option(help: ArgumentHelp("A report template directory (report.html, styles.css, branding.yaml).", valueName: "DIR"))
    var template: String?

    @OptionGroup var search: RubricSearchOptions

    @Flag(help: "Do not record the assessment in the history.")
    var noHistory = false

    @OptionGroup var history: HistoryOptions

    @OptionGroup(title: "Batches") var batch: BatchOptions

    @Flag(help: "Also write an e-mail to each client's owner into DIR/mail/ (see insource mail; --send delivers it).")
    var email = false

    @OptionGroup(title: "E-mail (with --email)") var mail: MailOptions

    var formats: [Format] {
        var seen: Set<Format> = []
        return (format.isEmpty ? [.text] : format).filter { seen.insert($0).inserted }
    }

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Missing expected argument '<input>'") }
        if (mail.send || mail.dryRun || mail.attach != nil) && !email { throw ValidationError("--send, --dry-run and --attach go with --email") }
        if email && output == nil { throw ValidationError("--email needs -o DIR: the messages go to DIR/mail/") }
        if mail.send && noHistory { throw ValidationError("--send needs the history for its delivery log; drop --no-history") }
        if isBatch { return try validateBatch() }
        if formats.count > 1 && output == nil {
            throw ValidationError("several formats need -o DIR to write them to")
        }
    }

    func run() throws {
        if isBatch { return try runBatch() }
        let assessment = try Scoring.assess(file: file, rubric: rubric, search: search.searchPath)
        let wantsReports = formats.contains { $0 == .html || $0 == .markdown }
        // Opened early for the report's comparison, but a failure only fails the command after the output.
        let opened: Result<HistoryStore, any Error>? = noHistory ? nil : Result { try history.open(.readWrite) }
        // The trend and peer figures are extras: a history that cannot answer leaves them out of the report.
        let comparison = wantsReports || email ? (try? opened?.get())?.comparisonIfAvailable(for: assessment) : nil
        var reportFormats = formats.compactMap(\.reportFormat)
        if email { reportFormats += [.html, .markdown].filter { !reportFormats.contains($0) } }
        let renderer = wantsReports || email ? try Reports.renderer(template: template) : nil
        let rendered = renderer?.renderBytes(assessment, formats: reportFormats, comparison: comparison) ?? [:]
        let reports = rendered.mapValues { String(decoding: $0, as: UTF8.self) }
        func text(_ format: Format) -> String {
            switch format {
            case .text: return TextSummary.render(assessment, style: output == nil ? .forStandardOutput() : TerminalStyle(colours: false))
            case .json: return StableJSON.encode(assessment) + "\n"
            case .html, .markdown: return format.reportFormat.flatMap { reports[$0] } ?? ""
            }
        }
        if let output {
            for format in formats {
                let path = Reports.destination(output, client: assessment.client.name, format: format.fileExtension, single: formats.count == 1)
                try OutputFile.write(text(format), to: path)
            }
        } else {
            print(text(formats[0]), terminator: "")
        }
        // Recorded after the output, so a history problem never hides the score; it still fails the command.
        var recorded: (store: HistoryStore, id: Int)?
        if let opened {
            let store = try opened.get()
            let outcome = try HistoryDatabase.attempt { () throws(HistoryError) in try store.record(assessment) }
            recorded = (store, outcome.id)
        }
        if email, let output {
            let client = assessment.client
            let item = MailItem(
                assessment: assessment, html: rendered[.html] ?? [], markdown: rendered[.markdown], assessmentID: recorded?.id,
                clientKey: ClientIdentity.key(id: client.id, name: client.name, email: client.email),
                stem: ClientSlug.make(client.name))
            try MailRun(options: mail, directory: Reports.directory(of: output, single: formats.count == 1), store: recorded?.store).run([item])
        }
    }
}

extension Score.Format {
    var reportFormat: ReportRenderer.Format? {
        switch self {
        case .html: return .html
        case .markdown: return .markdown
        case .text, .json: return nil
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

extension HistoryStore {
    /// The comparison, or nil when the history cannot give one.
    func comparisonIfAvailable(for assessment: Assessment) -> AssessmentComparison? {
        do throws(HistoryError) {
            return try comparison(for: assessment)
        } catch {
            return nil
        }
    }
}
