import ArgumentParser
import Assessment
import Batch
import Foundation
import History
import Mail
import Reporting

struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "E-mail each assessed client's owner their report: write .eml files, or deliver them with --send.",
        discussion: """
            With DIR, the assessments a batch (insource score ... -o DIR) finished, read back from the history; the \
            HTML part is DIR's own report file. Without DIR, the latest assessment of every client in the history \
            (or of those named with --client). Clients without client.email get no message.
            The messages are written to DIR/mail/ (or -o). With --send they are delivered over SMTP; the delivery log \
            in the history makes sure no message a server accepted is ever sent again, so after a crash or a failure \
            run the same command again. Settings come from insource.yaml (see the README); the password only ever \
            from an environment variable or a file.
            Exit status: 0 when every message was written (and sent), 1 when any could not be, 64 for usage errors.
            """)

    @Argument(help: ArgumentHelp("A batch output directory.", valueName: "DIR"))
    var directory: String?

    @Option(help: ArgumentHelp("Only this client (id or name); repeat for several.", valueName: "CLIENT"))
    var client: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the messages (default DIR/mail, else ./mail).", valueName: "DIR"))
    var output: String?

    @Option(help: ArgumentHelp("A report template directory (report.html, styles.css, branding.yaml).", valueName: "DIR"))
    var template: String?

    @Option(help: ArgumentHelp("The rubric the assessments were made under, when it is not found by its id.", valueName: "ID|FILE"))
    var rubric: String?

    @Flag(help: "Show the delivery log (every message sent or tried, with its status and the server's last reply) and stop.")
    var log = false

    @Option(help: ArgumentHelp("The delivery log's format, with --log.", valueName: "text|csv"))
    var logFormat: LogFormat = .text

    enum LogFormat: String, ExpressibleByArgument { case text, csv }

    @OptionGroup var search: RubricSearchOptions
    @OptionGroup var history: HistoryOptions
    @OptionGroup(title: "E-mail") var mail: MailOptions

    func validate() throws {
        if directory != nil && !client.isEmpty { throw ValidationError("--client selects from the history; leave DIR out") }
    }

    func run() throws {
        if log { return try showLog() }
        // Opened for writing even for a dry run: an older history gets its delivery log table first.
        let store = try history.open(.readWrite)
        let renderer = try Reports.renderer(template: template)
        let gathering = MailSources(store: store, renderer: renderer, search: search, rubric: rubric)
        let attachMarkdown = try mail.attachments().contains(.markdown)
        let (items, failed): ([MailItem], Bool)
        if let directory {
            guard let finished = FinishedBatch.items(in: directory) else {
                StandardError.report([Diagnostic(
                    .error, "not a batch output directory (it has no .insource-journal); name the -o directory of a batch, "
                        + "or leave DIR out to mail the latest assessments in the history", path: directory)])
                throw ExitCode.invalidInput
            }
            (items, failed) = try gathering.batch(finished, directory: directory, attachMarkdown: attachMarkdown)
        } else {
            (items, failed) = try gathering.latest(clients: client, attachMarkdown: attachMarkdown)
        }
        let target = output ?? (directory.map { $0.joiningPath("mail") } ?? "mail")
        try MailRun(options: mail, directory: target, store: store).run(items)
        if failed { throw ExitCode.invalidInput }
    }

    private func showLog() throws {
        let store = try history.open(.readWrite)
        let records = try HistoryDatabase.attempt { () throws(HistoryError) in try store.deliveries() }
        switch logFormat {
        case .csv:
            print(CSVText.row(["updated_at", "status", "attempts", "recipient", "client", "subject", "reply", "message_id"]))
            for record in records {
                print(CSVText.row([
                    record.updatedAt, record.status.rawValue, String(record.attempts), record.recipient, record.clientKey,
                    record.subject, record.reply ?? "", record.messageID,
                ]))
            }
        case .text:
            if records.isEmpty { print("no message has been sent or tried yet") }
            for record in records {
                let tries = record.attempts == 1 ? "1 attempt" : "\(record.attempts) attempts"
                print("\(record.updatedAt)  \(record.status.rawValue.padding(to: 8))  \(record.recipient)  (\(tries))")
                print("    \(Sanitized.line(record.subject))")
                if let reply = record.reply { print("    server: \(Sanitized.line(reply))") }
            }
        }
    }
}
