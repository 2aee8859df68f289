import Foundation
import Testing

/// The JSON of `insource score --format json` is documented by `Reports/schema/assessment.schema.json`.
/// An independent validator (Python's jsonschema, installed by .ci/run) checks every example against it.
@Suite("Assessment JSON schema")
struct JSONSchemaTests {
    static let validator = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = []
        for path in sys.argv[2:]:
            for error in jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(path))):
                errors.append(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
        print("\\n".join(errors))
        sys.exit(1 if errors else 0)
        """

    @Test("every example's JSON assessment validates against the published schema")
    func examplesValidate() throws {
        try withTemporaryDirectory { directory in
            var outputs: [String] = []
            for file in ScoreCommandTests.files {
                let result = try Insource.run(["score", "Rubrics/examples/\(file)", "--format", "json"])
                #expect(result.status == 0, "\(result)")
                let output = directory.appendingPathComponent("\(file).json")
                try Data(result.stdoutBytes).write(to: output)
                outputs.append(output.path)
            }
            let check = try python(Self.validator, [packagePath("Reports/schema/assessment.schema.json")] + outputs)
            #expect(check.status == 0, "schema violations or no jsonschema module:\n\(check.output)")
        }
    }

    @Test("the schema rejects an assessment whose verdict is not one of the four")
    func schemaCanFail() throws {
        try withTemporaryDirectory { directory in
            let result = try Insource.run(["score", "Rubrics/examples/rosas-bakery.yaml", "--format", "json"])
            let broken = result.stdout.replacingOccurrences(of: "\"verdict\" : \"keep-in-house\"", with: "\"verdict\" : \"maybe\"")
            #expect(broken != result.stdout)
            let output = directory.appendingPathComponent("broken.json")
            try Data(broken.utf8).write(to: output)
            let check = try python(Self.validator, [packagePath("Reports/schema/assessment.schema.json"), output.path])
            #expect(check.status == 1, "\(check.output)")
            #expect(check.output.contains("verdict"))
        }
    }

    private func python(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
