import Foundation
import Testing

/// A real SMTP server on loopback (aiosmtpd, Tests/Support/smtp_server.py) for the duration of a test.
final class LoopbackSMTPServer {
    let port: Int
    let inbox: URL
    private let process: Process
    private let input: Pipe

    init(inbox: URL, arguments: [String] = [], port requested: Int? = nil) throws {
        self.inbox = inbox
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", packagePath("Tests/Support/smtp_server.py"), inbox.path] + arguments
            + (requested.map { ["--port", "\($0)"] } ?? [])
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // The first line is "ready PORT"; starting Python can take seconds on a busy machine.
        var line = Data()
        let handle = output.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let words = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard words.first == "ready", let port = words.last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) else {
            process.terminate()
            throw ServerError(message: "the SMTP server did not start (is aiosmtpd installed?): \(String(decoding: line, as: UTF8.self))")
        }
        self.port = port
    }

    struct ServerError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Whether the server process is still running (one started with --stop-after exits mid-batch).
    var isRunning: Bool { process.isRunning }

    func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { stop() }

    /// When each message arrived, in seconds since the epoch, in arrival order.
    func arrivalTimes() throws -> [Double] {
        let names = try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { $0.hasSuffix(".time") }.sorted()
        return try names.map { try #require(Double(String(contentsOf: inbox.appendingPathComponent($0), encoding: .utf8))) }
    }

    /// The messages received so far, in arrival order, as raw bytes with their envelope recipient.
    func received() throws -> [(recipient: String, bytes: [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { $0.hasSuffix(".eml") }.sorted()
        return try names.map { name in
            let stem = inbox.appendingPathComponent(String(name.dropLast(4)))
            let recipient = try String(contentsOf: stem.appendingPathExtension("rcpt"), encoding: .utf8)
            return (recipient, try Array(Data(contentsOf: stem.appendingPathExtension("eml"))))
        }
    }
}

enum MailFixtures {
    /// The settings flags of a test run: a sender, and the loopback server without TLS.
    static func flags(port: Int) -> [String] {
        ["--from", "dana@reyes-advisory.example", "--from-name", "Dana Reyes", "--smtp-host", "127.0.0.1", "--smtp-port", "\(port)",
         "--smtp-security", "none", "--retry-delay", "0.05"]
    }

    /// The .eml files a run wrote, by file name.
    static func messages(in directory: URL) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".eml") {
            out[name] = try Array(Data(contentsOf: directory.appendingPathComponent(name)))
        }
        return out
    }

    /// The Message-ID header of a raw message.
    static func messageID(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        return text.components(separatedBy: "\r\n").first { $0.hasPrefix("Message-ID: ") }.map { String($0.dropFirst(12)) }
    }

    /// Python's `email` parser's view of each file (Tests/Support/check_message.py).
    static func parsed(_ files: [URL]) throws -> [[String: Any]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", packagePath("Tests/Support/check_message.py")] + files.map(\.path)
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    /// `count` random questionnaires, each given an owner address `owner-N@example.com`.
    static func questionnairesWithOwners(count: Int, into directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for number in 1...count {
            let text = try BatchFixtures.questionnaire(client: "Client \(number)")
                .replacingOccurrences(of: "  email: rosa@example.com", with: "  email: owner-\(number)@example.com")
            try write(text, to: directory.appendingPathComponent("client-\(number).yaml"))
        }
    }
}
