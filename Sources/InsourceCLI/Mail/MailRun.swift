import ArgumentParser
import Assessment
import Foundation
import History
import Mail

/// One assessment to mail, with its reports already rendered.
struct MailItem {
    var assessment: Assessment
    var html: [UInt8]
    var markdown: [UInt8]?
    /// The assessment's row in the history, for the delivery log (nil when it was not recorded).
    var assessmentID: Int?
    var clientKey: String
    /// The file name (without extension) of the client's reports and of the message.
    var stem: String
}

/// Composes, writes, shows or sends the messages for a list of assessments: what `insource mail` and
/// `insource score --email` share.
struct MailRun {
    let options: MailOptions
    /// Where the .eml files go.
    let directory: String
    let store: HistoryStore?

    /// Returns normally when every message was written (and, with --send, accepted now or before).
    func run(_ items: [MailItem]) throws {
        let settings = try options.settings()
        let sender = try reportingMailErrors(path: settingsPlace) { () throws(MailError) in try settings.sender() }
        // With --send, a server that cannot be used is reported before anything is written.
        let server = options.send ? try reportingMailErrors(path: settingsPlace) { () throws(MailError) in
            try settings.server(environment: ProcessInfo.processInfo.environment, readFile: Self.readFile)
        } : nil
        let attachments = try options.attachments()
        let date = MailDate.now()
        var messages: [OutgoingMessage] = []
        var stems: [String] = []
        var problems = 0
        var withoutAddress: [String] = []
        for item in items {
            let content = ReportMail.Content(
                plainText: TextSummary.render(item.assessment, style: TerminalStyle(colours: false)), html: item.html,
                attachments: attachments.map { format in
                    format == .html
                        ? ReportMessage.Attachment(fileName: item.stem + ".html", contentType: "text/html", bytes: item.html)
                        : ReportMessage.Attachment(fileName: item.stem + ".md", contentType: "text/markdown", bytes: item.markdown ?? [])
                })
            do throws(MailError) {
                guard let message = try ReportMail.compose(item.assessment, sender: sender, content: content, date: date) else {
                    withoutAddress.append(item.assessment.client.name)
                    continue
                }
                messages.append(OutgoingMessage(message: message, assessmentID: item.assessmentID, clientKey: item.clientKey))
                stems.append(item.stem)
            } catch {
                problems += 1
                StandardError.report([Diagnostic(.error, error.message, path: item.assessment.questionnaire.path)])
            }
        }
        if !withoutAddress.isEmpty {
            StandardError.write("note: no message for \(withoutAddress.count) client(s) without client.email: "
                + withoutAddress.prefix(5).map(Sanitized.line).joined(separator: ", ") + (withoutAddress.count > 5 ? ", …" : "") + "\n")
        }
        if options.dryRun {
            try showDryRun(messages, settings: settings)
        } else {
            let names = MessageFileNames()
            for (outgoing, stem) in zip(messages, stems) {
                try OutputFile.write(bytes: outgoing.message.bytes, to: directory.joiningPath("\(names.unique(stem)).eml"))
            }
            print("wrote \(messages.count) message(s) to \(directory.joiningPath(""))")
            if let server { problems += try deliver(messages, through: server) }
        }
        if problems > 0 { throw ExitCode.invalidInput }
    }

    private func showDryRun(_ messages: [OutgoingMessage], settings: MailSettings) throws {
        let server = Result { () throws(MailError) in
            try settings.server(environment: ProcessInfo.processInfo.environment, readFile: Self.readFile)
        }
        let route: String
        switch server {
        case .success(let server): route = " through \(server.description)"
        case .failure(let problem): route = "; --send would fail: \(problem.message)"
        }
        print("dry run: \(messages.count) message(s) from \(messages.first?.message.from.address ?? settings.from ?? "?")\(route)")
        for outgoing in messages {
            let logged = try store.flatMap { store in
                try HistoryDatabase.attempt { () throws(HistoryError) in try store.delivery(key: outgoing.message.deliveryKey) }
            }
            let state = logged.map { " [\($0.status.rawValue) earlier]" } ?? ""
            print("  to \(outgoing.message.to.address): \(Sanitized.line(outgoing.message.subject))\(state)")
        }
    }

    /// Sends and prints one line per message; returns how many were not delivered.
    private func deliver(_ messages: [OutgoingMessage], through server: SMTPServer) throws -> Int {
        guard let store else {
            StandardError.write("error: --send needs the history for its delivery log; drop --no-history\n")
            throw ExitCode.invalidInput
        }
        let transport = try reportingMailErrors(path: server.description) { () throws(MailError) in try SMTPTransport(server: server) }
        let sender = messages.first?.message.from.address ?? ""
        let courier = Courier(transport: transport, log: store, policy: options.policy, envelopeSender: sender)
        var counts: [String: Int] = [:]
        var undelivered = 0
        do throws(MailError) {
            try courier.deliver(messages) { outgoing, result in
                let (word, detail, failed) = Self.describe(result)
                counts[word, default: 0] += 1
                if failed { undelivered += 1 }
                print("\(word.padding(to: 16)) \(outgoing.message.to.address)\(detail.map { "  (\(Sanitized.line($0)))" } ?? "")")
            }
        } catch {
            StandardError.report([Diagnostic(.error, error.message, path: server.description)])
            undelivered = max(undelivered, 1)
        }
        let order = ["sent", "already sent", "refused", "refused earlier", "deferred", "unconfirmed", "not attempted"]
        print(order.compactMap { key in counts[key].map { "\($0) \(key)" } }.joined(separator: ", "))
        if (counts["deferred"] ?? 0) + (counts["not attempted"] ?? 0) > 0 {
            print("run the same command again to send what is left; nothing accepted is sent twice")
        }
        return undelivered
    }

    private static func describe(_ result: DeliveryResult) -> (String, String?, Bool) {
        switch result {
        case .sent(let reply): return ("sent", reply, false)
        case .alreadyAccepted: return ("already sent", nil, false)
        case .refused(let reply): return ("refused", reply, true)
        case .alreadyRefused(let reply): return ("refused earlier", reply, true)
        case .deferred(let reply): return ("deferred", reply, true)
        case .unconfirmed:
            return ("unconfirmed", "handed to the server with no answer yet, by this run, a running one or a cut-off one; "
                + "check, then --resend-unconfirmed", true)
        case .notAttempted: return ("not attempted", nil, true)
        }
    }

    /// Where settings problems are reported: the settings file, or the flags when there is none.
    private var settingsPlace: String { options.config ?? MailOptions.defaultConfigPath() ?? "mail settings (flags)" }

    static func readFile(_ path: String) -> String? {
        guard let bytes = try? InputFile.read(path, limit: 64 * 1024) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func reportingMailErrors<T>(path: String, _ body: () throws(MailError) -> T) throws -> T {
        do throws(MailError) {
            return try body()
        } catch {
            StandardError.report([Diagnostic(.error, error.message, path: path)])
            throw ExitCode.invalidInput
        }
    }
}

/// Message file names: the report's stem, with a numeric suffix when two messages would share one.
final class MessageFileNames {
    private var used: Set<String> = []

    func unique(_ stem: String) -> String {
        var candidate = stem
        var number = 2
        while !used.insert(candidate).inserted {
            candidate = "\(stem)-\(number)"
            number += 1
        }
        return candidate
    }
}
