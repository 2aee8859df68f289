import Assessment
import Reporting

/// What a worker made of one input, waiting for the committer.
enum ItemOutcome: Sendable {
    /// Scored, with its reports in scratch files (by format) and its journal line to be.
    case scored(ScoredItem)
    /// Finished by an earlier run: same input bytes, same rubric. The committer checks the files are still there.
    case resumed(BatchJournal.Entry, criterionTitles: [String])
    case failed([Diagnostic])
}

struct ScoredItem: Sendable {
    var assessment: Assessment
    var scratch: [(format: BatchFormat, file: ScratchFile)]
    var entry: BatchJournal.Entry
    var criterionTitles: [String]
}

/// Reads, checks, scores and renders one input; everything in it is thread-safe. Each worker thread has its own
/// (`forOneThread`), the committer the batch's.
struct BatchWorker: Sendable {
    private(set) var configuration: BatchConfiguration
    let files: BatchFiles
    private(set) var rubrics: RubricCache
    let finished: [String: BatchJournal.Entry]

    init(configuration: BatchConfiguration, files: BatchFiles, rubrics: RubricCache, finished: [String: BatchJournal.Entry]) {
        self.configuration = configuration
        self.files = files
        self.rubrics = rubrics
        self.finished = finished
    }

    /// A worker for one thread: its own rubrics and report template, which share no object with another thread's
    /// (see `RubricCache`, `ReportRenderer.independentCopy`). Made on that thread, as it loads them again.
    func forOneThread() -> BatchWorker {
        var own = self
        own.rubrics = rubrics.forOneThread()
        own.configuration.renderer = configuration.renderer?.independentCopy()
        return own
    }

    func process(_ input: BatchInput, number: Int, allowResume: Bool = true) -> ItemOutcome {
        do throws(DiagnosticsError) {
            let document: QuestionnaireDocument
            switch input.source {
            case .file(let path): document = try QuestionnaireLoader.read(path: path)
            case .csvRow(let rows, let index): document = rows.table.document(index)
            case .unreadable(let diagnostics): return .failed(diagnostics)
            }
            let rubric = try rubrics.resolve(configuration.rubric ?? document.rubricID ?? configuration.defaultRubric)
            let titles = rubric.criteria.map(\.title)
            if allowResume, let entry = finished[input.label], entry.inputSHA256 == document.sha256,
                entry.rubricSHA256 == rubric.origin.sha256, entry.outputs == configuration.outputsFingerprint
            {
                return .resumed(entry, criterionTitles: titles)
            }
            let assessment = Scorer.score(try QuestionnaireLoader.check(document, against: rubric), with: rubric)
            let scratch = try render(assessment, number: number)
            let entry = BatchJournal.Entry(
                label: input.label, inputSHA256: document.sha256, rubricSHA256: rubric.origin.sha256, stem: "",
                client: assessment.client.name, verdict: assessment.verdict, overall: assessment.overall,
                scores: assessment.criteria.map(\.score), outputs: configuration.outputsFingerprint)
            return .scored(ScoredItem(assessment: assessment, scratch: scratch, entry: entry, criterionTitles: titles))
        } catch {
            return .failed(error.diagnostics)
        }
    }

    private func render(_ assessment: Assessment, number: Int) throws(DiagnosticsError) -> [(format: BatchFormat, file: ScratchFile)] {
        let reportFormats = configuration.formats.compactMap { format -> ReportRenderer.Format? in
            switch format {
            case .html: return .html
            case .markdown: return .markdown
            case .text, .json: return nil
            }
        }
        let reports = reportFormats.isEmpty ? [:] : configuration.renderer?.renderBytes(assessment, formats: reportFormats) ?? [:]
        var written: [(format: BatchFormat, file: ScratchFile)] = []
        for format in configuration.formats {
            let bytes: [UInt8]
            switch format {
            case .html: bytes = reports[.html] ?? []
            case .markdown: bytes = reports[.markdown] ?? []
            case .json: bytes = Array((StableJSON.encode(assessment) + "\n").utf8)
            case .text: bytes = Array((configuration.textSummary?(assessment) ?? "").utf8)
            }
            written.append((format, try files.writeScratch(bytes, name: "\(number).\(format.fileExtension)")))
        }
        return written
    }
}
