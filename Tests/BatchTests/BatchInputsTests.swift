@testable import Batch
import Foundation
import Testing
import TestSupport

/// Which files a directory given to a batch contributes, and in what order.
@Suite struct BatchInputsTests {
    @Test func aDirectoryGivesItsQuestionnaireFilesInByteOrderSkippingHiddenEntriesAndLinkedDirectories() throws {
        let manager = FileManager.default
        let root = manager.temporaryDirectory.appendingPathComponent("insource-inputs-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: root) }
        let outside = root.appendingPathComponent("outside")
        let tree = root.appendingPathComponent("tree")
        for folder in [outside, tree.appendingPathComponent("b/deeper"), tree.appendingPathComponent(".hidden")] {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        for file in ["a.yaml", "B.YML", "c.json", "notes.txt", "Z.Yaml", ".secret.yaml", "b/deeper/d.yml", ".hidden/e.yaml", "é.yaml"] {
            try Data("x".utf8).write(to: tree.appendingPathComponent(file))
        }
        try Data("x".utf8).write(to: outside.appendingPathComponent("f.yaml"))
        try manager.createSymbolicLink(atPath: tree.appendingPathComponent("linked.yaml").path, withDestinationPath: outside.appendingPathComponent("f.yaml").path)
        try manager.createSymbolicLink(atPath: tree.appendingPathComponent("linked-folder").path, withDestinationPath: outside.path)
        try manager.createSymbolicLink(atPath: tree.appendingPathComponent("dangling.yaml").path, withDestinationPath: root.appendingPathComponent("gone.yaml").path)

        let labels = BatchInputs.discover([tree.path]).map(\.label)
        let expected = ["B.YML", "Z.Yaml", "a.yaml", "b/deeper/d.yml", "c.json", "linked.yaml", "é.yaml"].map { tree.path + "/" + $0 }
        #expect(labels == expected)
    }

    @Test func theByteOrderComparisonAgreesWithComparingUTF8ViewsOnRandomPaths() {
        var random = SplitMix64(seed: 3)
        let pieces = ["a", "b", "B", "é", "e\u{301}", "/", "-", "0", "ż", "😀", "\u{0}", "ab", "a/b", ""]
        let paths = (0..<400).map { _ in (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined() }
        for a in paths {
            for b in paths.prefix(60) {
                #expect(BatchInputs.precedesInByteOrder(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a.debugDescription) \(b.debugDescription)")
            }
        }
    }
}
