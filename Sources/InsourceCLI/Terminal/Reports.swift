import ArgumentParser
import Assessment
import Foundation
import Reporting

/// Finding the report template and deciding where report files go.
enum Reports {
    static func renderer(template directory: String?) throws -> ReportRenderer {
        guard let directory = directory ?? PackageResources.find("Reports/template", containing: "report.html") else {
            StandardError.write("error: no report template found; give one with --template DIR\n")
            throw ExitCode.invalidInput
        }
        do throws(DiagnosticsError) {
            return ReportRenderer(template: try ReportTemplate(directory: directory))
        } catch {
            StandardError.report(error.diagnostics)
            throw ExitCode.invalidInput
        }
    }

    /// `output` names the file itself when there is one format and it ends in that format's extension;
    /// otherwise it is a directory, and the file is named after the client.
    static func destination(_ output: String, client: String, format: String, single: Bool) -> String {
        if single && output.hasSuffix(".\(format)") { return output }
        return output.joiningPath("\(ClientSlug.make(client)).\(format)")
    }
}

extension String {
    /// `self/name` with one slash between, however the folder was written ("out", "out/", "/").
    func joiningPath(_ name: String) -> String {
        var folder = Substring(self)
        while folder.count > 1 && folder.hasSuffix("/") { folder = folder.dropLast() }
        return folder == "/" ? "/" + name : folder + "/" + name
    }
}

extension Reports {
    /// The mail folder beside a single run's output: in the -o directory, or beside the -o file.
    static func directory(of output: String, single: Bool) -> String {
        let isFile = single && ["txt", "json", "html", "md"].contains { output.hasSuffix(".\($0)") }
        return (isFile ? URL(fileURLWithPath: output).deletingLastPathComponent().path : output).joiningPath("mail")
    }
}

/// Files written whole or not at all: a temporary file beside the target, then a rename.
enum OutputFile {
    static func write(_ text: String, to path: String) throws {
        try write(bytes: Array(text.utf8), to: path)
    }

    static func write(bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            StandardError.write("error: cannot write \(path): \(error.localizedDescription)\n")
            throw ExitCode.invalidInput
        }
    }
}

/// Folders shipped with the package (Rubrics/, Reports/), found from the working directory or by
/// walking up from the executable, so `swift run` works from anywhere.
enum PackageResources {
    static func find(_ relative: String, containing marker: String) -> String? {
        let local = URL(fileURLWithPath: relative)
        if FileManager.default.fileExists(atPath: local.appendingPathComponent(marker).path) { return relative }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(marker).path) { return candidate.path }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }
}
