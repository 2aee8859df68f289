import TestSupport
import Assessment
import Foundation
import Testing

/// Bad and hostile files end in a clear `DiagnosticsError` that names the file, quickly, never in a crash or a hang.
///
/// Big inputs are generated here, into a temporary directory, rather than committed.
@Suite("Hostile input")
struct HostileInputTests {
    /// Runs `load` on the bytes as a rubric and as a questionnaire; both must fail, naming `path`, in bounded time.
    static func rejectBoth(
        _ bytes: [UInt8], path: String = "hostile.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> (rubric: [Diagnostic], questionnaire: [Diagnostic]) {
        let clock = ContinuousClock()
        let start = clock.now
        let rubric = diagnostics(sourceLocation: sourceLocation) { () throws(DiagnosticsError) in
            try RubricLoader.load(bytes: bytes, path: path).id
        }
        let questionnaire = diagnostics(sourceLocation: sourceLocation) { () throws(DiagnosticsError) in
            try QuestionnaireLoader.read(bytes: bytes, path: path).sha256
        }
        let elapsed = clock.now - start
        // Generous on purpose (debug builds, a busy machine): the point is that these finish, not a benchmark.
        #expect(elapsed < .seconds(20), "took \(elapsed)", sourceLocation: sourceLocation)
        for found in [rubric, questionnaire] {
            #expect(!found.isEmpty, sourceLocation: sourceLocation)
            #expect(found.allSatisfy { $0.path == path && $0.severity == .error }, "\(RenderedDiagnostics(found))", sourceLocation: sourceLocation)
        }
        return (rubric, questionnaire)
    }

    @Test("an empty file is refused as empty")
    func emptyFile() {
        let found = Self.rejectBoth([])
        #expect(found.rubric.map(\.message) == ["the file is empty"])
        #expect(found.questionnaire.map(\.message) == ["the file is empty"])
        #expect(found.rubric.first?.location == nil)
    }

    @Test("a file of only whitespace, or only a byte-order mark, is refused as empty", arguments: [
        Array(" \n\t\r\n   \n".utf8), [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0x0A, 0x20],
    ])
    func whitespaceOnly(_ bytes: [UInt8]) {
        let found = Self.rejectBoth(bytes)
        #expect(found.rubric.map(\.message) == ["the file is empty"])
    }

    @Test("a file of only a comment holds no document")
    func commentOnly() {
        let found = Self.rejectBoth(Array("# nothing here\n".utf8))
        #expect(found.rubric.map(\.message) == ["the file holds no document"])
    }

    @Test("text that is neither YAML nor JSON is a syntax error with a place", arguments: ["{{{", "[1, 2", "a: b: c", "\"unterminated", "key: [1, 2}"])
    func neitherYAMLNorJSON(_ text: String) throws {
        let found = Self.rejectBoth(Array(text.utf8))
        let first = try #require(found.rubric.first)
        #expect(first.message.hasPrefix("invalid YAML"), "\(first.message)")
        #expect(first.location != nil)
        #expect(found.rubric.count == 1)
    }

    @Test("a scalar or a list at the top is not a rubric or a questionnaire")
    func wrongTopLevelShape() throws {
        let rubric = try loadRubric(path: fixture("scoring.yaml").path)
        for text in ["just words", "[1, 2, 3]", "42"] {
            let rubricProblems = rubricDiagnostics(text)
            #expect(rubricProblems.first?.message.contains("the rubric must be a mapping") == true, "\(RenderedDiagnostics(rubricProblems))")
            let questionnaireProblems = questionnaireDiagnostics(text, against: rubric)
            #expect(questionnaireProblems.first?.message.contains("the questionnaire must be a mapping") == true)
            #expect(questionnaireProblems.first?.location == at(1, 1))
        }
    }

    @Test("random bytes with NULs are refused as binary or as not UTF-8")
    func randomBytes() {
        var generator = SplitMix64(seed: 0x1B5E_ED00)
        for round in 0..<20 {
            var bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            bytes[Int(generator.next() % 4096)] = 0
            let found = Self.rejectBoth(bytes, path: "random-\(round).bin")
            #expect(found.rubric.count == 1)
            let message = found.rubric.first?.message ?? ""
            #expect(message.contains("not valid UTF-8") || message.contains("binary data"), "\(message)")
        }
    }

    @Test("a NUL byte in otherwise valid text is reported at its line and column")
    func nulByte() throws {
        let found = Self.rejectBoth(Array("id: mini\ntitle: a\0b\n".utf8))
        let problem = try #require(found.rubric.first)
        #expect(problem.message == "the file holds binary data (a NUL byte), not YAML or JSON text")
        #expect(problem.location == at(2, 9))
    }

    @Test("invalid UTF-8 is reported at the bad byte's line and column, counting characters not bytes")
    func invalidUTF8() throws {
        // "é" is two bytes but one column, so the stray 0xC3 after "note: café " is at column 12, not 13.
        let bytes = Array("id: mini\ntitle: x\nnote: café ".utf8) + [0xC3, 0x28] + Array(" more\n".utf8)
        let found = Self.rejectBoth(bytes)
        let problem = try #require(found.rubric.first)
        #expect(problem.message.contains("not valid UTF-8"))
        #expect(problem.message.contains("0xC3"))
        #expect(problem.location == at(3, 12))
        #expect(found.rubric.count == 1)
    }

    @Test("a lone continuation byte and an overlong encoding are invalid UTF-8", arguments: [[0x80] as [UInt8], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]])
    func invalidSequences(_ bad: [UInt8]) throws {
        let found = Self.rejectBoth(Array("a: ".utf8) + bad + [0x0A])
        let problem = try #require(found.rubric.first)
        #expect(problem.message.contains("not valid UTF-8"))
        #expect(problem.location == at(1, 4))
    }

    @Test("a YAML alias bomb is refused without expanding it")
    func aliasBomb() throws {
        var lines = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
        }
        let found = Self.rejectBoth(Array(lines.joined(separator: "\n").utf8), path: "laughs.yaml")
        let problem = try #require(found.rubric.first { $0.message.contains("aliases") })
        #expect(problem.message.contains("not supported"))
        #expect(problem.location == at(2, 8))
        #expect(found.questionnaire.contains { $0.message.contains("aliases") })
    }

    @Test("a single harmless alias is still refused, at the alias")
    func singleAlias() throws {
        let found = rubricDiagnostics("id: &name mini\ntitle: *name\n")
        #expect(try diagnostic("YAML aliases (*name) are not supported", in: found).location == at(2, 8))
    }

    @Test("100,000 nested brackets are refused by depth, without overflowing the stack", arguments: ["[", "{a: ", "- "])
    func deepNesting(_ opener: String) throws {
        let text: String
        if opener == "- " {
            text = (0..<500).map { String(repeating: " ", count: $0 * 2) + "-" }.joined(separator: "\n")
        } else {
            text = String(repeating: opener, count: 100_000)
        }
        let found = Self.rejectBoth(Array(text.utf8))
        // Either our depth limit or libyaml's own (which stops a flow collection while scanning ahead) ends it.
        #expect(found.rubric.count == 1)
        let message = found.rubric.first?.message ?? ""
        #expect(message.contains("nested more than 64 levels deep") || message.contains("nested too deeply"), "\(message)")
        #expect(!message.contains("yaml_set_max_nest_level"), "the message names libyaml's C API: \(message)")
        #expect(found.rubric.first?.location != nil)
    }

    @Test("nesting just inside the limit still reads")
    func nestingWithinTheLimit() throws {
        let text = "client: {name: A}\nanswers: {}\nnotes: " + String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        let document = try #require(try? QuestionnaireLoader.read(bytes: Array(text.utf8), path: "deep.yaml"))
        #expect(document.root.mappingPairs?.count == 3)
    }

    @Test("a document with more values than the node limit is refused")
    func tooManyNodes() throws {
        let text = "[" + Array(repeating: "1", count: 250_000).joined(separator: ",") + "]"
        let found = Self.rejectBoth(Array(text.utf8))
        #expect(found.rubric.contains { $0.message.contains("more than 200000 values") })
    }

    @Test("enormous numbers are refused as weights and answers, not turned into infinity")
    func enormousNumbers() throws {
        let digits = String(repeating: "9", count: 500)
        for weight in ["1e999999", digits, "-\(digits)"] {
            let found = rubricDiagnostics(minimalRubric(replacing: "    title: Voice\n    weight: 3", with: "    title: Voice\n    weight: \(weight)"))
            #expect(found.contains { $0.location == at(15, 13) && $0.message.contains("weight must be a finite number") }, "\(RenderedDiagnostics(found))")
        }
        let rubric = try loadRubric(minimalRubric)
        for answer in ["1e999999", digits, "-1e999999"] {
            let found = questionnaireDiagnostics("client: {name: A}\nanswers:\n  reply_hours: \(answer)\n  known_by_name: \(answer)\n", against: rubric)
            #expect(found.map(\.location) == [at(3, 16), at(4, 18)], "\(RenderedDiagnostics(found))")
            #expect(found.first?.message.contains("finite number") == true)
            #expect(found.last?.message.contains("whole number") == true)
        }
    }

    @Test("duplicate keys are refused, pointing at the second with a note naming the first")
    func duplicateKeys() throws {
        let rubric = try loadRubric(minimalRubric)
        let found = questionnaireDiagnostics("client:\n  name: A\nanswers:\n  known_by_name: 3\n  posts_inside: true\n  known_by_name: 4\n", against: rubric)
        let duplicate = try diagnostic("duplicate key 'known_by_name'", in: found)
        #expect(duplicate.location == at(6, 3))
        #expect(duplicate.note == "first defined at line 4, column 3")
        #expect(duplicate.sourceLine == "  known_by_name: 4")

        let inRubric = rubricDiagnostics(minimalRubric(replacing: "title: Mini rubric\n", with: "title: Mini rubric\ntitle: Again\n"))
        let second = try diagnostic("duplicate key 'title'", in: inRubric)
        #expect(second.location == at(3, 1))
        #expect(second.note == "first defined at line 2, column 1")

        let inJSON = diagnostics { () throws(DiagnosticsError) in
            try QuestionnaireLoader.read(bytes: Array("{\"client\": {\"name\": \"A\"},\n \"client\": {}}".utf8), path: "dup.json").sha256
        }
        #expect(try diagnostic("duplicate key 'client'", in: inJSON).location == at(2, 2))
    }

    @Test("a repeated key is found in a long mapping too, each repeat against the first", arguments: [3, 31, 32, 33, 100])
    func duplicateKeysInLongMappings(count: Int) throws {
        // key_0 ... key_<count-1>, then key_1 again and key_<count-1> twice more.
        let keys = (0..<count).map { "key_\($0)" } + ["key_1", "key_\(count - 1)", "key_\(count - 1)"]
        let text = keys.map { "\($0): 1\n" }.joined()
        let found = diagnostics { () throws(DiagnosticsError) in
            try DocumentReader.read(SourceText(path: "long.yaml", text: text)).location
        }
        #expect(found.map(\.message) == ["duplicate key 'key_1'", "duplicate key 'key_\(count - 1)'", "duplicate key 'key_\(count - 1)'"])
        #expect(found.compactMap(\.location) == [at(count + 1, 1), at(count + 2, 1), at(count + 3, 1)])
        #expect(found.map(\.note) == ["first defined at line 2, column 1", "first defined at line \(count), column 1", "first defined at line \(count), column 1"])
    }

    @Test("a file holding more than one YAML document is refused at the second")
    func multipleDocuments() throws {
        let found = Self.rejectBoth(Array("client: {name: A}\nanswers: {}\n---\nclient: {name: B}\nanswers: {}\n".utf8))
        let problem = try #require(found.rubric.first)
        #expect(problem.message == "the file holds more than one YAML document; expected exactly one")
        #expect(problem.location == at(3, 1))
        let rubricTwice = rubricDiagnostics(minimalRubric + "---\n" + minimalRubric)
        #expect(rubricTwice.map(\.message) == ["the file holds more than one YAML document; expected exactly one"])
    }

    @Test("an explicit document start alone is one document")
    func oneExplicitDocument() throws {
        let rubric = try loadRubric("---\n" + minimalRubric)
        #expect(rubric.id == "mini")
    }

    @Test("bytes over the size limit are refused before parsing")
    func oversizedBytes() throws {
        let bytes = Array(("notes: \"" + String(repeating: "x", count: 5 << 20) + "\"\n").utf8)
        let found = Self.rejectBoth(bytes, path: "big.yaml")
        let problem = try #require(found.rubric.first)
        #expect(problem.message.contains("the file is \(bytes.count) bytes; the limit is \(DocumentLimits().maxBytes) bytes"))
        #expect(problem.location == nil)
    }

    @Test("a 100 MB file is refused by its size without being read in full")
    func hundredMegabyteFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("huge.yaml").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data("answers:\n".utf8)))
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.truncate(atOffset: 100 << 20)
            try handle.close()

            let clock = ContinuousClock()
            let start = clock.now
            let read = diagnostics { () throws(DiagnosticsError) in try InputFile.read(path).count }
            let questionnaire = diagnostics { () throws(DiagnosticsError) in try QuestionnaireLoader.read(path: path).sha256 }
            let rubric = diagnostics { () throws(DiagnosticsError) in try RubricLoader.load(path: path).id }
            #expect(clock.now - start < .seconds(20))
            for found in [read, questionnaire, rubric] {
                #expect(found.count == 1)
                #expect(found.first?.path == path)
                #expect(found.first?.message == "the file is 104857600 bytes; Insource reads files of at most \(DocumentLimits().maxBytes) bytes")
            }
        }
    }

    @Test("an endless stream is cut off at the limit")
    func endlessStream() throws {
        let found = diagnostics { () throws(DiagnosticsError) in try InputFile.read("/dev/zero", limit: 1 << 20).count }
        #expect(found.map(\.message) == ["the file is larger than the limit; Insource reads files of at most 1048576 bytes"])
    }

    @Test("a file under the limit is read whole")
    func smallFileIsRead() throws {
        let path = try fixture("scoring.yaml").path
        let bytes = try #require(try? InputFile.read(path))
        #expect(bytes == (try fixtureBytes("scoring.yaml")))
    }

    @Test("a file larger than one read chunk is read whole, byte for byte")
    func largeFileIsRead() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("large.yaml").path
            let content = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            #expect(FileManager.default.createFile(atPath: path, contents: Data(content)))
            let read = try InputFile.read(path)
            #expect(read == content)
        }
    }

    @Test("a file whose size stat reports as 0 but that has content (as in /proc) is read whole")
    func fileWithUnknownSizeIsRead() throws {
        let bytes = try InputFile.read("/proc/self/status")
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("Name:"))
        #expect(bytes.last == UInt8(ascii: "\n"))
    }

    @Test("a missing file and a directory are refused with the path named")
    func missingFileAndDirectory() throws {
        let missing = diagnostics { () throws(DiagnosticsError) in try QuestionnaireLoader.read(path: "/nonexistent/answers.yaml").sha256 }
        #expect(missing.first?.path == "/nonexistent/answers.yaml")
        #expect(missing.first?.message.contains("cannot open the file") == true)
        try withTemporaryDirectory { directory in
            let found = diagnostics { () throws(DiagnosticsError) in try RubricLoader.load(path: directory.path).id }
            #expect(found.map(\.message) == ["is a directory, not a file"])
        }
    }

    @Test("tags and anchors that are not aliases are harmless; a !!str tag makes a number text")
    func explicitStringTag() throws {
        let rubric = try loadRubric(minimalRubric)
        let found = questionnaireDiagnostics("client: {name: A}\nanswers:\n  known_by_name: !!str 3\n", against: rubric)
        #expect(try diagnostic("must be a whole number, found a string", in: found).location == at(3, 18))
    }
}
