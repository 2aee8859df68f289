import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The package's root folder, found from this file.
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // InsourceCLITests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

func packagePath(_ relative: String) -> String {
    packageRoot.appendingPathComponent(relative).path
}

/// What one run of `insource` did.
struct RunResult: CustomStringConvertible {
    var status: Int32
    var stdoutBytes: [UInt8]
    var stderrBytes: [UInt8]

    var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }

    var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }

    /// stdout parsed as a JSON object.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(stdoutBytes))
        return try #require(object as? [String: Any], "stdout is not a JSON object:\n\(stdout)")
    }
}

enum Insource {
    /// The `insource` executable built next to this test bundle.
    ///
    /// `swift test` puts the test bundle in `<scratch>/debug/` or `<scratch>/<triple>/debug/`, beside the
    /// executables it built; whatever the scratch path, walk up from the bundle (and the running binary)
    /// looking for `insource`. As a last resort, the newest `.build*/…/debug/insource` under the package.
    static let executable: URL? = {
        let fileManager = FileManager.default
        var starts = [Bundle.main.bundleURL, Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .compactMap { $0?.resolvingSymlinksInPath() }
        starts += Bundle.allBundles.map(\.bundleURL)
        for start in starts {
            var directory = start
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("insource")
                var isDirectory: ObjCBool = false
                if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    fileManager.isExecutableFile(atPath: candidate.path)
                {
                    return candidate
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        let scratches = ((try? fileManager.contentsOfDirectory(atPath: packageRoot.path)) ?? []).filter { $0.hasPrefix(".build") }
        var found: [(URL, Date)] = []
        for scratch in scratches {
            let base = packageRoot.appendingPathComponent(scratch)
            let triples = ((try? fileManager.contentsOfDirectory(atPath: base.path)) ?? [])
            for middle in [""] + triples {
                let candidate = base.appendingPathComponent(middle).appendingPathComponent("debug/insource")
                if fileManager.isExecutableFile(atPath: candidate.path),
                    let date = (try? fileManager.attributesOfItem(atPath: candidate.path))?[.modificationDate] as? Date
                {
                    found.append((candidate, date))
                }
            }
        }
        return found.max { $0.1 < $1.1 }?.0
    }()

    /// Runs `insource` with `arguments` and waits for it.
    ///
    /// The environment is the test's own minus the variables that change the output (`INSOURCE_RUBRICS`,
    /// `NO_COLOR`), plus `environment`. Output goes to files, so a chatty run cannot block on a full pipe.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: URL = packageRoot,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let executable = try #require(executable, "the insource executable was not found next to the tests", sourceLocation: sourceLocation)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("insource-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        try #require(FileManager.default.createFile(atPath: outURL.path, contents: nil))
        try #require(FileManager.default.createFile(atPath: errURL.path, contents: nil))
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = Self.environment(adding: environment)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return RunResult(
            status: process.terminationStatus,
            stdoutBytes: try Array(Data(contentsOf: outURL)),
            stderrBytes: try Array(Data(contentsOf: errURL)))
    }

    static func environment(adding extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["INSOURCE_RUBRICS"] = nil
        environment["NO_COLOR"] = nil
        // `score` records into the history: never into the tester's own, so a test's database is a temporary one.
        environment["INSOURCE_DB"] = nil
        environment["XDG_DATA_HOME"] = testDataHome.path
        environment.merge(extra) { $1 }
        return environment
    }

    /// Runs `insource` with its standard output on a pseudo-terminal, so it believes it talks to a person.
    /// Returns what it printed there (with the terminal's `\r\n` line ends), or nil when no terminal can be made.
    static func runOnTerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: [UInt8])? {
        let executable = try #require(executable)
        // posix_openpt and friends are not imported into Swift; /dev/ptmx with the two ioctls they wrap is.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { return nil }
        defer { close(master) }
        var unlock: CInt = 0
        var number: CUnsignedInt = 0
        let setLock: UInt = 0x4004_5431  // TIOCSPTLCK
        let getNumber: UInt = 0x8004_5430  // TIOCGPTN
        guard ioctl(master, setLock, &unlock) == 0, ioctl(master, getNumber, &number) == 0 else { return nil }
        let terminal = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard terminal >= 0 else { return nil }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        process.environment = Self.environment(adding: environment)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(fileDescriptor: terminal, closeOnDealloc: false)
        process.standardError = FileHandle.nullDevice
        try process.run()
        close(terminal)

        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count > 0 {
                output += buffer[0..<count]
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break  // EIO once the child has closed the terminal's last open end
            }
        }
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}

/// The XDG data folder of every run that names no database: one per test process, in the temporary folder.
let testDataHome: URL = {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insource-data-\(UUID().uuidString)", isDirectory: true)
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}()

/// A fresh temporary directory for one test, removed afterwards.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insource-cli-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

func write(_ text: String, to url: URL) throws {
    try Data(text.utf8).write(to: url)
}

/// Checks a compiler-style diagnostic in `stderr`:
///
///     error: <message>
///       --> <path>:<line>:<column>
///        |
///     <line> | <source>
///        |      ^
///
/// and that the caret sits under `column`.
func expectRenderedDiagnostic(
    in stderr: String, path: String, line: Int, column: Int, source: String, message: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let lines = stderr.components(separatedBy: "\n")
    guard let arrow = lines.firstIndex(of: "  --> \(path):\(line):\(column)") else {
        Issue.record("no '--> \(path):\(line):\(column)' in:\n\(stderr)", sourceLocation: sourceLocation)
        return
    }
    #expect(arrow >= 1 && lines[arrow - 1].hasPrefix("error: ") && (message.isEmpty || lines[arrow - 1].contains(message)), "\(stderr)", sourceLocation: sourceLocation)
    guard arrow + 3 < lines.count else {
        Issue.record("the diagnostic stops after its location:\n\(stderr)", sourceLocation: sourceLocation)
        return
    }
    let number = String(line)
    let gutter = String(repeating: " ", count: number.count)
    #expect(lines[arrow + 1] == "\(gutter) |", sourceLocation: sourceLocation)
    #expect(lines[arrow + 2] == "\(number) | \(source)", sourceLocation: sourceLocation)
    #expect(lines[arrow + 3] == "\(gutter) | \(String(repeating: " ", count: column - 1))^", "caret line: '\(lines[arrow + 3])'", sourceLocation: sourceLocation)
}

/// The SHA-256 of `bytes` as lowercase hex (FIPS 180-4), written out here so the test does not trust the code it checks.
func sha256Hex(_ bytes: [UInt8]) -> String {
    let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]
    var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
    var message = bytes
    message.append(0x80)
    while message.count % 64 != 56 { message.append(0) }
    let bitLength = UInt64(bytes.count) * 8
    for shift in stride(from: 56, through: 0, by: -8) { message.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
    func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
    var w = [UInt32](repeating: 0, count: 64)
    for chunk in stride(from: 0, to: message.count, by: 64) {
        for i in 0..<16 {
            w[i] = (0..<4).reduce(0) { ($0 << 8) | UInt32(message[chunk + i * 4 + $1]) }
        }
        for i in 16..<64 {
            let s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >> 3)
            let s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
        for i in 0..<64 {
            let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
            let choose = (e & f) ^ (~e & g)
            let t1 = hh &+ s1 &+ choose &+ k[i] &+ w[i]
            let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ majority
            (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
        }
        for (i, value) in [a, b, c, d, e, f, g, hh].enumerated() { h[i] = h[i] &+ value }
    }
    return h.map { String(format: "%08x", $0) }.joined()
}
