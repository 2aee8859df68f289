import ArgumentParser
import Assessment
import Batch
import Foundation
import History
import Reporting

/// Finds the assessments to mail and renders their reports: from a batch's directory or from the history.
struct MailSources {
    let store: HistoryStore
    let renderer: ReportRenderer
    let search: RubricSearchOptions
    let rubric: String?

    /// The items a batch finished; its own report files are the HTML (and Markdown) parts when they are there.
    /// Returns the items and whether any could not be used (each such problem is reported).
    func batch(_ finished: [FinishedItem], directory: String, attachMarkdown: Bool) throws -> ([MailItem], Bool) {
        var items: [MailItem] = []
        var failed = false
        for item in finished {
            let entry = try HistoryDatabase.attempt { () throws(HistoryError) in
                try store.storedAssessment(questionnaireSHA256: item.inputSHA256, rubricSHA256: item.rubricSHA256)
            }
            guard let entry else {
                failed = true
                StandardError.report([Diagnostic(
                    .error, "\(item.label) is not in the history (was the batch run with --no-history, or with another --db?)",
                    path: directory)])
                continue
            }
            guard let assessment = try reassess(entry) else { failed = true; continue }
            let html = Self.read(directory.joiningPath(item.stem + ".html"))
            let markdown = attachMarkdown ? Self.read(directory.joiningPath(item.stem + ".md")) : nil
            let rendered = (html == nil || (attachMarkdown && markdown == nil))
                ? renderer.renderBytes(assessment, formats: [.html, .markdown]) : [:]
            items.append(MailItem(
                assessment: assessment, html: html ?? rendered[.html] ?? [], markdown: markdown ?? rendered[.markdown],
                assessmentID: entry.assessment.id, clientKey: entry.client.key, stem: item.stem))
        }
        return (items, failed)
    }

    /// The latest assessment of each client (or of the named ones), rendered now with the history's comparison.
    func latest(clients names: [String], attachMarkdown: Bool) throws -> ([MailItem], Bool) {
        var keys: Set<String>?
        var failed = false
        if !names.isEmpty {
            var found: Set<String> = []
            for name in names {
                let matches = try HistoryDatabase.attempt { () throws(HistoryError) in try store.clients(matching: name) }
                if matches.isEmpty {
                    failed = true
                    StandardError.report([Diagnostic(.error, "no client '\(name)' in the history", path: store.path)])
                }
                found.formUnion(matches.map(\.key))
            }
            keys = found
        }
        let entries = try HistoryDatabase.attempt { () throws(HistoryError) in try store.latestAssessments(clientKeys: keys) }
        if entries.isEmpty && !failed {
            StandardError.report([Diagnostic(.error, "the history holds no assessments to mail", path: store.path)])
            throw ExitCode.invalidInput
        }
        var items: [MailItem] = []
        for entry in entries {
            guard let assessment = try reassess(entry) else { failed = true; continue }
            let reports = renderer.renderBytes(
                assessment, formats: attachMarkdown ? [.html, .markdown] : [.html],
                comparison: store.comparisonIfAvailable(for: assessment))
            // Two clients of one name share a stem here; their message files get told apart when written.
            items.append(MailItem(
                assessment: assessment, html: reports[.html] ?? [], markdown: reports[.markdown],
                assessmentID: entry.assessment.id, clientKey: entry.client.key, stem: ClientSlug.make(entry.client.name)))
        }
        return (items, failed)
    }

    /// The stored questionnaire scored again under the very rubric it was assessed with (checked by its SHA-256).
    private func reassess(_ entry: StoredEntry) throws -> Assessment? {
        let reference = rubric ?? entry.assessment.rubricID
        let found: Rubric
        do throws(DiagnosticsError) {
            found = try search.searchPath.resolve(reference)
        } catch {
            StandardError.report(error.diagnostics)
            return nil
        }
        guard found.origin.sha256 == entry.assessment.rubricSHA256 else {
            StandardError.report([Diagnostic(
                .error, "\(entry.client.name) was assessed under another version of rubric '\(entry.assessment.rubricID)' "
                    + "(sha256 \(entry.assessment.rubricSHA256.prefix(12))…); give that rubric with --rubric, or score again",
                path: found.origin.path)])
            return nil
        }
        guard case .success(let assessment) = Rescoring.rescore([entry], with: found).first?.outcome else {
            StandardError.report([Diagnostic(.error, "the stored questionnaire of \(entry.client.name) cannot be scored again", path: store.path)])
            return nil
        }
        return assessment
    }

    private static func read(_ path: String) -> [UInt8]? {
        FileManager.default.fileExists(atPath: path) ? try? InputFile.read(path, limit: 64 << 20) : nil
    }
}
