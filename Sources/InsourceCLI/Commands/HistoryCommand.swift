import ArgumentParser
import Assessment
import History

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show a client's assessments over time, or every client with their latest verdict.",
        discussion: """
            CLIENT is a client's id, or their name (case does not matter). Each score is shown with its change since the \
            client's previous assessment.
            Exit status: 0 when shown, 1 when the client is unknown or the database cannot be read, 64 for usage errors.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    @Argument(help: "The client, by id or name; every client when left out.")
    var client: String?

    @Option(help: "Output format.")
    var format: Format = .text

    @OptionGroup var history: HistoryOptions

    func run() throws {
        let store = try history.open(.read)
        guard let client else {
            let clients = try HistoryDatabase.attempt { () throws(HistoryError) in try store.clients() }
            print(HistoryOutput.clients(clients, format: format), terminator: "")
            return
        }
        let matches = try HistoryDatabase.attempt { () throws(HistoryError) in try store.clients(matching: client) }
        guard matches.count == 1, let found = matches.first else {
            let message = matches.isEmpty
                ? "no client '\(client)' in the history"
                : "\(matches.count) clients are named '\(client)'; name one by id (\(matches.map(\.key).joined(separator: ", ")))"
            StandardError.report([Diagnostic(.error, message, path: store.path)])
            throw ExitCode.invalidInput
        }
        let entries = try HistoryDatabase.attempt { () throws(HistoryError) in try store.history(clientKey: found.key) }
        print(HistoryOutput.client(found, entries: entries, format: format), terminator: "")
    }
}
