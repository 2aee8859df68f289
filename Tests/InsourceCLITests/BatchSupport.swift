import Foundation
import Testing

/// Helpers for the batch tests: inputs on disk and the files a batch wrote.
enum BatchFixtures {
    /// `count` random questionnaires from the shipped generator, in `directory`.
    static func random(count: Int, seed: Int, into directory: URL) throws {
        let result = try Insource.run(["questionnaire", "random", "--rubric", "social-media", "--count", "\(count)", "--seed", "\(seed)",
            "-o", directory.path])
        #expect(result.status == 0, "\(result)")
    }

    /// Rosa's Bakery's questionnaire under another client name (written as a JSON string, which YAML reads the same).
    static func questionnaire(client name: String) throws -> String {
        let rosa = try String(contentsOf: packageRoot.appendingPathComponent("Rubrics/examples/rosas-bakery.yaml"), encoding: .utf8)
        let quoted = String(decoding: try JSONEncoder().encode(name), as: UTF8.self)
        return rosa.replacingOccurrences(of: "  id: rosas-bakery\n", with: "")
            .replacingOccurrences(of: "  name: Rosa's Bakery", with: "  name: \(quoted)")
    }

    /// Every visible file below `directory` by relative path, with its bytes.
    static func files(in directory: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        for name in names where !name.hasPrefix(".") {
            out[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return out
    }

    static func text(_ directory: URL, _ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// The rows of summary.csv after the header (split on CRLF, which our CSV writes; quoted line breaks are LF only).
    static func summaryRows(_ directory: URL) throws -> [String] {
        Array(try text(directory, "summary.csv").components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty })
    }
}
