import Batch
import Foundation
import Testing

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
}
