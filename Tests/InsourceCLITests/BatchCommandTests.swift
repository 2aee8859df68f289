import Foundation
import Testing

/// `insource score` over many inputs, on the built executable.
@Suite struct BatchCommandTests {
    @Test func aDirectoryIsSearchedRecursivelyAndEveryClientIsLinkedFromTheIndex() throws {
        try withTemporaryDirectory { directory in
            let inputs = directory.appendingPathComponent("in")
            try BatchFixtures.random(count: 12, seed: 3, into: inputs.appendingPathComponent("nested/deeper"))
            try write("not a questionnaire", to: inputs.appendingPathComponent("README.txt"))
            let out = directory.appendingPathComponent("out")
            let result = try Insource.run(["score", inputs.path, "-o", out.path, "--format", "html", "--format", "markdown",
                "--db", directory.appendingPathComponent("h.sqlite").path])
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.hasPrefix("scored 12 of 12, 0 failed in "), "one summary line when stderr is no terminal")
            let files = try BatchFixtures.files(in: out)
            #expect(files.keys.filter { $0.hasSuffix(".html") && $0 != "index.html" }.count == 12)
            #expect(files.keys.filter { $0.hasSuffix(".md") && $0 != "index.md" }.count == 12)
            let index = try BatchFixtures.text(out, "index.html")
            for name in files.keys where name.hasSuffix(".html") && name != "index.html" {
                #expect(index.contains("href=\"\(name)\""), "\(name) is not linked")
            }
            #expect(try BatchFixtures.summaryRows(out).count == 12)
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".insource-work").path), "scratch removed")
        }
    }

    @Test func oneJobAndTwoJobsWriteByteIdenticalOutputs() throws {
        try withTemporaryDirectory { directory in
            let inputs = directory.appendingPathComponent("in")
            try BatchFixtures.random(count: 60, seed: 11, into: inputs)
            try write(try BatchFixtures.questionnaire(client: "Duplicate Name"), to: inputs.appendingPathComponent("questionnaire-000a.yaml"))
            try write(try BatchFixtures.questionnaire(client: "duplicate  name"), to: inputs.appendingPathComponent("questionnaire-000b.yaml"))
            try write("client: [broken", to: inputs.appendingPathComponent("questionnaire-030x.yaml"))
            var outputs: [[String: Data]] = []
            for jobs in ["1", "2", "2"] {
                let out = directory.appendingPathComponent("out-\(outputs.count)")
                let result = try Insource.run(["score", inputs.path, "-o", out.path, "--format", "html", "--format", "markdown",
                    "--format", "json", "--jobs", jobs, "--no-history"])
                #expect(result.status == 1, "one input is broken\n\(result)")
                outputs.append(try BatchFixtures.files(in: out))
            }
            #expect(outputs[0].count == 62 * 3 + 3, "62 clients in three formats, and the three index files")
            #expect(outputs[0] == outputs[1])
            #expect(outputs[1] == outputs[2])
            #expect(outputs[0]["duplicate-name.html"] != nil && outputs[0]["duplicate-name-2.html"] != nil)
        }
    }

    @Test func aCSVWithEveryQuirkOfRealExportsScoresOneClientPerRow() throws {
        try withTemporaryDirectory { directory in
            let header = "client.name,client.email,client.industry,followers_known_by_name,reply_expectation,posts_from_inside,channels,notes"
            let comma = "\u{FEFF}" + header + "\r\n"
                + "\"Rosa's Bakery, Millbrook\",rosa@example.com,Food,5,within_hour,true,instagram|facebook,\"Line one\r\nLine \"\"two\"\"\"\r\n"
                + "Northgate,ops@example.com,Manufacturing,1,within_days,false,,\r\n"
            let semicolon = header.replacingOccurrences(of: ",", with: ";") + "\n"
                + "Café Ñandú;hola@example.com;Food;4;same_day;true;instagram|tiktok;\"a; b\"\n"
            try write(comma, to: directory.appendingPathComponent("comma.csv"))
            try write(semicolon, to: directory.appendingPathComponent("semicolon.csv"))
            let out = directory.appendingPathComponent("out")
            let result = try Insource.run(["score", directory.appendingPathComponent("comma.csv").path,
                directory.appendingPathComponent("semicolon.csv").path, "-o", out.path, "--format", "markdown", "--no-history"])
            #expect(result.status == 0, "\(result)")
            let rows = try BatchFixtures.summaryRows(out)
            #expect(rows.count == 3)
            #expect(rows.first?.hasPrefix("\"Rosa's Bakery, Millbrook\",") == true)
            #expect(rows.last?.hasPrefix("Café Ñandú,") == true)
            let files = try BatchFixtures.files(in: out)
            #expect(files["rosas-bakery-millbrook.md"] != nil && files["northgate.md"] != nil && files["caf-and.md"] != nil, "\(files.keys.sorted())")
        }
    }

    @Test func aBadCSVRowIsListedWithItsRowAndColumnAndTheOthersAreScored() throws {
        try withTemporaryDirectory { directory in
            let csv = "client.name,reply_expectation\nGood,within_hour\nBad,within_hr\n"
            try write(csv, to: directory.appendingPathComponent("clients.csv"))
            let out = directory.appendingPathComponent("out")
            let result = try Insource.run(["score", directory.appendingPathComponent("clients.csv").path, "-o", out.path, "--no-history"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("row 3, column 'reply_expectation'"), "\(result)")
            let index = try BatchFixtures.text(out, "index.html")
            #expect(index.contains("clients.csv, row 3"))
            #expect(index.contains("row 3, column 'reply_expectation'"))
            #expect(try BatchFixtures.summaryRows(out).count == 2)
        }
    }

    @Test func hostileClientNamesNeverWriteOutsideTheOutputDirectory() throws {
        try withTemporaryDirectory { directory in
            let inputs = directory.appendingPathComponent("in")
            try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
            let names = ["../../x", "/", "/etc/passwd", "nul\u{0}byte", "con", "index", "summary", "..", String(repeating: "Very Long ", count: 80), "日本語"]
            for (number, name) in names.enumerated() {
                try write(try BatchFixtures.questionnaire(client: name), to: inputs.appendingPathComponent("q\(number).yaml"))
            }
            let out = directory.appendingPathComponent("deep/out")
            let result = try Insource.run(["score", inputs.path, "-o", out.path, "--format", "html", "--no-history"])
            #expect(result.status == 0, "\(result)")
            let files = try BatchFixtures.files(in: out).keys.sorted()
            #expect(files.count == names.count + 3, "\(files)")
            #expect(files.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") } && $0.count < 100 })
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("deep").path)) == ["out"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["deep", "in"])
            #expect(files.contains("client-index.html") && files.contains("client-summary.html") && files.contains("client-con.html"))
        }
    }

    @Test func badInputsAreListedInTheIndexAndMakeTheExitStatusOne() throws {
        try withTemporaryDirectory { directory in
            let inputs = directory.appendingPathComponent("in")
            try BatchFixtures.random(count: 4, seed: 5, into: inputs)
            try write("client:\n  name: Bad Answers\nanswers:\n  reply_expectation: within_hr\n", to: inputs.appendingPathComponent("bad.yaml"))
            let out = directory.appendingPathComponent("out")
            let missing = directory.appendingPathComponent("missing.yaml").path
            let result = try Insource.run(["score", inputs.path, missing, "-o", out.path, "--format", "html", "--no-history"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("bad.yaml:4:"), "\(result)")
            let index = try BatchFixtures.text(out, "index.html")
            #expect(index.contains("6 inputs, 4 scored, 2 failed."))
            #expect(index.contains("bad.yaml:4:") && index.contains("missing.yaml"))
            let markdown = try BatchFixtures.text(out, "index.md")
            #expect(markdown.contains("## Inputs that failed") && markdown.contains("bad.yaml:4:"))
            #expect(try BatchFixtures.summaryRows(out).filter { $0.contains(",failed,") }.count == 2)
        }
    }

    @Test func failFastStopsAtTheFirstFailure() throws {
        try withTemporaryDirectory { directory in
            let inputs = directory.appendingPathComponent("in")
            try BatchFixtures.random(count: 40, seed: 9, into: inputs)
            try write("client: [", to: inputs.appendingPathComponent("a-broken.yaml"))
            let out = directory.appendingPathComponent("out")
            let result = try Insource.run(["score", inputs.path, "-o", out.path, "--fail-fast", "--jobs", "2", "--no-history"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("stopped at the first failure"), "\(result)")
            let index = try BatchFixtures.text(out, "index.html")
            #expect(index.contains("41 inputs, 0 scored, 1 failed, 40 not processed"))
        }
    }
}
