import Assessment
import Testing

@testable import History

/// The fast recording path (byte-level JSON, rows many per statement, text bound from an arena) stores what the
/// straightforward one stored.
@Suite struct RecordWriterTests {
    static let examples = ["rosas-bakery.yaml", "harbour-coffee-franchise.json", "lakeside-dental-partial.yaml", "maya-fit.yaml", "northgate-parts.yaml"]

    @Test func theStoredQuestionnaireHoldsWhatTheQuestionnaireWriterWrites() throws {
        for example in Self.examples {
            var assessment = try assess(example)
            for hostile in HostileTextTests.hostile + ["tab\tquote\"back\\slash\nline\r\u{7}bell", "", "ünïcødé ☃ 🍞"] {
                assessment.client.name = hostile
                assessment.client.owner = hostile
                assessment.questionnaire.notes = hostile
                assessment.questionnaire.assessor = hostile
                let bytes = JSONBytes()
                StoredQuestionnaire.write(assessment, into: bytes)
                let written = try StoredQuestionnaire(json: String(decoding: bytes.bytes, as: UTF8.self))
                // Both read back: whole doubles such as 12.0 read back as integers either way.
                let before = try StoredQuestionnaire(json: StoredQuestionnaire(assessment).json())
                #expect(written.json() == before.json(), "\(example): \(hostile)")
            }
        }
    }

    @Test func numbersAreWrittenAsStringDescribesThem() {
        for number in [0, 7, -7, 10, 1_234_567, Int.max, Int.min] {
            let bytes = JSONBytes()
            bytes.value(.int(number))
            #expect(String(decoding: bytes.bytes, as: UTF8.self) == String(number))
        }
        let bytes = JSONBytes()
        bytes.value(.array([.double(2.5), .double(.infinity), .bool(true), .null, .string("a\u{0}b")]))
        #expect(String(decoding: bytes.bytes, as: UTF8.self) == JSONText.value(.array([.double(2.5), .double(.infinity), .bool(true), .null, .string("a\u{0}b")])))
    }

    @Test func doublesAreWrittenAsInterpolationWritesThem() {
        var numbers = [0.001, 0.0015, 0.0009, 0.1, 0.2, 0.3, 2.1, 20.88, 98.8, 1.005, 2.675, 1e8, 999_999_999.999, 1e9, 1e-7, 0, 123.0, 5e-3]
        // A fixed sequence of doubles with few decimals, and of arbitrary bit patterns (splitmix64).
        var state: UInt64 = 42
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for _ in 0..<20_000 {
            let decimals = Double([1, 10, 100, 1000, 10000][Int(next() % 5)])
            numbers.append(Double(Int64(bitPattern: next()) % 2_000_000_000_000) / decimals)
            numbers.append(Double(bitPattern: next()))
        }
        for number in numbers + numbers.map(-) {
            let bytes = JSONBytes()
            bytes.value(.double(number))
            #expect(String(decoding: bytes.bytes, as: UTF8.self) == JSONText.value(.double(number)), "\(number)")
        }
    }

    @Test func stringsAreEscapedAsTheStringWriterEscapesThemWhereverTheByteIs() {
        // Every ASCII byte at every offset of a text longer than the eight bytes looked at at once, beside non-ASCII.
        for byte in UInt8(0)..<0x80 {
            for offset in 0..<19 {
                var text = Array("abcdefghijklmnopq\u{E9}".utf8)
                text.insert(byte, at: offset)
                let string = String(decoding: text, as: UTF8.self)
                let bytes = JSONBytes()
                bytes.string(string)
                #expect(String(decoding: bytes.bytes, as: UTF8.self) == JSONText.string(string), "\(byte) at \(offset)")
            }
        }
    }

    @Test func eachAnswerIsStoredAsTheJSONOfItsValue() throws {
        var base = try assess("maya-fit.yaml")
        let texts = HostileTextTests.hostile + ["tab\tquote\"back\\slash\nline\r\u{7}bell", "", "ünïcødé ☃ 🍞 and more"]
        for (index, text) in texts.enumerated() where index < base.answers.count {
            base.answers[index].answer = .string(text)
        }
        base.answers[texts.count].answer = .array([.double(2.5), .double(-0.1), .int(-3), .bool(false), .null, .string("\u{1}")])
        base.answers[texts.count + 1].answer = .double(.nan)
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            let id = try store.record(base).id
            let stored = try store.connection.prepare("SELECT question, answer_json FROM answers WHERE assessment_id = ?")
                .rows([.integer(Int64(id))]) { [$0.string(0): $0.string(1)] }
                .reduce(into: [String: String]()) { $0.merge($1) { first, _ in first } }
            let expected = base.answers.reduce(into: [String: String]()) { expected, record in
                if let answer = record.answer { expected[record.question] = JSONText.value(answer) }
            }
            #expect(stored == expected)
        }
    }

    @Test func rowsGoInInTheOrderSQLiteSortsTheirKeysAndANewSetOfKeysIsSortedAgain() {
        var order = KeyOrder()
        let first = ["b", "a", "ab", "é", "Z", "a_b", "aa"]
        #expect(order.ascending(first.count) { first[$0] }.map { first[$0] } == ["Z", "a", "a_b", "aa", "ab", "b", "é"])
        #expect(order.ascending(first.count) { first[$0] }.map { first[$0] } == ["Z", "a", "a_b", "aa", "ab", "b", "é"])
        let second = ["q2", "q10", "q1", "Q3", "q", "q1", "é", "e"]
        #expect(order.ascending(second.count) { second[$0] }.map { second[$0] } == ["Q3", "e", "q", "q1", "q1", "q10", "q2", "é"])
        let third = ["q2", "q10", "q1", "Q3", "q", "q1", "é", "d"]
        #expect(order.ascending(third.count) { third[$0] }.map { third[$0] } == ["Q3", "d", "q", "q1", "q1", "q10", "q2", "é"])
    }

    @Test func normalisationMatchesTrimmingAndLowercasingTheWholeText() {
        let unicode = ["Bäckerei Müller Bookshop 1", "北京 Studio 5", "İSTANBUL", "ΟΔΟΣ", "ǅEMAL", "STRAẞE", "ﬃ", "\u{3000}Kaffee KRÄNZCHEN\u{2003}", "\u{A0}\u{85}"]
        for text in ["Rosa's Bakery", "  MAYA fit \t", "\n\r", "", "ABC xyz 019 @[`{", "Zoë", " Ünïcödé ", "\u{85}x\u{A0}", "a\u{1F}b"] + unicode {
            let scalars = text.unicodeScalars
            let expected: String
            if let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
                let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
            {
                expected = String(String.UnicodeScalarView(scalars[first...last])).lowercased()
            } else {
                expected = ""
            }
            #expect(ClientIdentity.normalise(text) == expected, "\(text.debugDescription)")
        }
    }

    @Test func aLargeBatchStoresEveryRowOnce() throws {
        let base = try assess()
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            // 300 assessments: many full chunks of rows and a remainder of every size class.
            let batch = (0..<300).map { variant(of: base, id: "c\($0 % 7)", name: "Client \($0 % 7)", sha: "sha-\($0)") }
            #expect(try store.record(batch).allSatisfy(\.isNew))
            try store.record(variant(of: base, name: "One more", sha: "one"))
            let counts = try store.tableCounts()
            #expect(counts["clients"] == 8)
            #expect(counts["assessments"] == 301)
            #expect(counts["answers"] == 301 * base.answers.filter { $0.answer != nil }.count)
            #expect(counts["criterion_scores"] == 301 * base.criteria.count)
            #expect(counts["rules_fired"] == 301 * base.rules.filter(\.fired).count)
            #expect(try store.integrityCheck() == "ok")
            let stored = try store.storedQuestionnaires()
            #expect(stored.count == 301)
            let expected = try StoredQuestionnaire(json: StoredQuestionnaire(base).json()).answers
            for entry in stored { #expect(try StoredQuestionnaire(json: entry.json).answers == expected) }
        }
    }

    @Test func aFailedBatchLeavesNothingBehindForTheNextOne() throws {
        let base = try assess()
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            var broken = variant(of: base, name: "Broken", sha: "broken")
            // Two scores for one criterion break the criterion_scores primary key: the whole batch rolls back.
            broken.criteria.append(broken.criteria[0])
            let good = (0..<3).map { variant(of: base, name: "Good \($0)", sha: "good-\($0)") }
            #expect(throws: HistoryError.self) { try store.record(good + [broken]) }
            #expect(try store.tableCounts().values.allSatisfy { $0 == 0 })
            // Nothing of the failed batch is waiting to be inserted with the next one.
            #expect(try store.record(good).allSatisfy(\.isNew))
            let counts = try store.tableCounts()
            #expect(counts["assessments"] == 3)
            #expect(counts["criterion_scores"] == 3 * base.criteria.count)
            #expect(counts["answers"] == 3 * base.answers.filter { $0.answer != nil }.count)
        }
    }

    @Test func aClientRecordedAgainWithTheSameDetailsKeepsItsRowAndChangedDetailsUpdateIt() throws {
        let base = try assess()
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            let first = try store.record(variant(of: base, id: "acme", name: "Acme", industry: "Retail", sha: "1"))
            try store.record(variant(of: base, id: "acme", name: "Acme", industry: "Retail", sha: "2"))
            try store.record(variant(of: base, id: "acme", name: "Acme", industry: "Bakery", sha: "3"))
            let clients = try store.clients()
            #expect(clients.count == 1)
            #expect(clients.first?.assessmentCount == 3)
            #expect(clients.first?.industry == "Bakery")
            #expect(try store.history(clientKey: "id:acme").first?.assessment.id == first.id)
        }
    }
}
