import ArgumentParser
import Assessment
import Foundation
import History

/// Where the history database lives, shared by every command that reads or records it.
struct HistoryOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The history database; else $INSOURCE_DB, else $XDG_DATA_HOME/insource/history.sqlite "
                + "(~/.local/share/insource/history.sqlite).",
            valueName: "PATH"))
    var db: String?

    /// --db, then INSOURCE_DB, then the XDG data directory (an unset, empty or relative XDG_DATA_HOME is ignored,
    /// as the XDG specification asks).
    var path: String {
        let environment = ProcessInfo.processInfo.environment
        if let db, !db.isEmpty { return db }
        if let variable = environment["INSOURCE_DB"], !variable.isEmpty { return variable }
        let data: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            data = xdg
        } else {
            data = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return data + "/insource/history.sqlite"
    }

    /// The store, opened (and for recording created, with its folder); problems are reported and end the command.
    func open(_ access: HistoryStore.Access) throws -> HistoryStore {
        let path = self.path
        if access == .readWrite {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                StandardError.report([Diagnostic(.error, "cannot create the history folder: \(error.localizedDescription)", path: folder.path)])
                throw ExitCode.invalidInput
            }
        }
        return try HistoryDatabase.attempt { () throws(HistoryError) in try HistoryStore(path: path, access: access) }
    }
}

enum HistoryDatabase {
    /// Runs a history operation; a failure is reported (with the database's path) and ends the command with status 1.
    @discardableResult
    static func attempt<T>(_ body: () throws(HistoryError) -> T) throws -> T {
        do throws(HistoryError) {
            return try body()
        } catch {
            StandardError.report(error)
            throw ExitCode.invalidInput
        }
    }
}

extension StandardError {
    /// A history problem as a diagnostic about the database file, so it is formatted like every other error.
    static func report(_ error: HistoryError) {
        report([Diagnostic(.error, error.message, path: error.path, note: error.sql.map { "while running: \($0)" })])
    }
}
