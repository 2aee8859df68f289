import Foundation
import Testing

/// Colour only on a terminal and never with NO_COLOR; text from files never carries escape sequences to the terminal.
@Suite("Terminal output")
struct TerminalOutputTests {
    static let escape: UInt8 = 0x1B
    static let examples = ["rosas-bakery.yaml", "northgate-parts.yaml", "harbour-coffee-franchise.json", "maya-fit.yaml", "lakeside-dental-partial.yaml"]

    @Test("output to a pipe carries no escape bytes, with or without NO_COLOR", arguments: examples)
    func noEscapesWhenPiped(_ file: String) throws {
        for environment in [[:], ["NO_COLOR": "1"]] {
            let result = try Insource.run(["score", "Rubrics/examples/\(file)"], environment: environment)
            #expect(result.status == 0)
            #expect(!result.stdoutBytes.contains(Self.escape), "\(environment)")
        }
    }

    @Test("diagnostics on a pipe carry no escape bytes")
    func noEscapesInPipedDiagnostics() throws {
        let result = try Insource.run(["rubric", "lint", "Tests/AssessmentTests/Fixtures/scoring-answers.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: "))
        #expect(!result.stderrBytes.contains(Self.escape))
    }

    @Test("on a terminal the verdict is coloured, and NO_COLOR=1 turns colour off")
    func colourOnlyOnATerminal() throws {
        let arguments = ["score", "Rubrics/examples/rosas-bakery.yaml"]
        let coloured = try #require(try Insource.runOnTerminal(arguments), "could not open a pseudo-terminal")
        #expect(coloured.status == 0)
        #expect(coloured.output.contains(Self.escape), "a terminal without NO_COLOR gets colour")

        let plain = try #require(try Insource.runOnTerminal(arguments, environment: ["NO_COLOR": "1"]))
        #expect(plain.status == 0)
        #expect(!plain.output.contains(Self.escape))
        #expect(String(decoding: plain.output, as: UTF8.self).contains("KEEP IN-HOUSE"))
    }

    /// Rosa's questionnaire with an ANSI escape (ESC [31m) in the client's name.
    static func hostileClient(in directory: URL) throws -> URL {
        let original = try String(contentsOfFile: packagePath("Rubrics/examples/rosas-bakery.yaml"), encoding: .utf8)
        let text = original.replacingOccurrences(of: "  name: Rosa's Bakery\n", with: "  name: \"\\e[31mRosa's Bakery\\e[0m\"\n")
        #expect(text != original)
        let file = directory.appendingPathComponent("hostile.yaml")
        try write(text, to: file)
        return file
    }

    @Test("a client name holding an ANSI escape reaches the terminal without it")
    func escapeInClientName() throws {
        try withTemporaryDirectory { directory in
            let file = try Self.hostileClient(in: directory)
            let piped = try Insource.run(["score", file.path])
            #expect(piped.status == 0, "\(piped)")
            #expect(!piped.stdoutBytes.contains(Self.escape))
            #expect(piped.stdout.contains("Rosa's Bakery"))

            let onTerminal = try #require(try Insource.runOnTerminal(["score", file.path]))
            let text = String(decoding: onTerminal.output, as: UTF8.self)
            #expect(!text.contains("\u{1B}[31m"), "the name's own escape reached the terminal")
            #expect(text.contains("Rosa's Bakery"))

            // In JSON the name survives intact, escaped as JSON requires, so no raw ESC byte is printed.
            let json = try Insource.run(["score", file.path, "--format", "json"])
            #expect(!json.stdoutBytes.contains(Self.escape))
            #expect((try json.json()["client"] as? [String: Any])?["name"] as? String == "\u{1B}[31mRosa's Bakery\u{1B}[0m")
        }
    }

    @Test("an escape quoted back in a diagnostic message does not reach the terminal raw")
    func escapeInDiagnosticMessage() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("hostile.yaml")
            try write("""
                client:
                  name: A
                  email: "\\e[31m@example.com"
                answers:
                  followers_known_by_name: 3
                  "\\e[2Jwiped": 1

                """, to: file)
            let result = try Insource.run(["score", file.path], environment: ["NO_COLOR": "1"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("is not an e-mail address"), "\(result.stderr)")
            #expect(result.stderr.contains("unknown question id"))
            #expect(!result.stderrBytes.contains(Self.escape), "stderr: \(result.stderr.debugDescription)")
        }
    }

    @Test("an escape inside the quoted source line is shown as visible text")
    func escapeInSourceLine() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("raw.yaml")
            // A raw ESC byte in a comment on the offending line: it must be shown, not obeyed.
            try write("client:\n  name: A\nanswers:\n  followers_known_by_name: 9 # \u{1B}[2J\n", to: file)
            let result = try Insource.run(["score", file.path], environment: ["NO_COLOR": "1"])
            #expect(result.status == 1)
            // libyaml refuses the control character itself; the line is quoted with the ESC spelled out.
            expectRenderedDiagnostic(
                in: result.stderr, path: file.path, line: 4, column: 32,
                source: "  followers_known_by_name: 9 # \\u{1b}[2J", message: "control characters are not allowed")
            #expect(!result.stderrBytes.contains(Self.escape), "stderr: \(result.stderr.debugDescription)")
        }
    }
}
