import FoundationEssentials
import RuleExpressions

/// Where rubrics are looked up by id: directories searched in order.
public struct RubricSearchPath: Sendable {
    public var directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// One rubric file found on the path, loaded or with the problems that kept it from loading.
    public struct Entry: Sendable {
        public var path: String
        public var result: Result<Rubric, DiagnosticsError>
    }

    /// Every rubric file (`*.yaml`, `*.yml`) directly inside the search directories, in path order then name order.
    public func entries() -> [Entry] {
        var seen: Set<String> = []
        return candidateFiles().compactMap { path in
            guard seen.insert(path).inserted else { return nil }
            do throws(DiagnosticsError) {
                return Entry(path: path, result: .success(try RubricLoader.load(path: path)))
            } catch {
                return Entry(path: path, result: .failure(error))
            }
        }
    }

    /// A rubric named by a file path or by its id.
    public func resolve(_ reference: String) throws(DiagnosticsError) -> Rubric {
        if reference.contains("/") || reference.hasSuffix(".yaml") || reference.hasSuffix(".yml")
            || FileManager.default.fileExists(atPath: reference)
        {
            return try RubricLoader.load(path: reference)
        }
        for directory in directories {
            for name in ["\(reference).yaml", "\(reference).yml"] {
                let path = "\(directory)/\(name)"
                if FileManager.default.fileExists(atPath: path) {
                    let rubric = try RubricLoader.load(path: path)
                    if rubric.id == reference { return rubric }
                }
            }
        }
        for entry in entries() {
            if case .success(let rubric) = entry.result, rubric.id == reference { return rubric }
        }
        let known = entries().compactMap { try? $0.result.get().id }
        let hint = Spelling.suggestion(for: reference, among: known).map { "; did you mean '\($0)'?" } ?? ""
        let searched = directories.isEmpty ? "no directories" : directories.joined(separator: ", ")
        throw DiagnosticsError([Diagnostic(
            .error, "no rubric with id '\(reference)' on the search path (\(searched))\(hint)", path: reference)])
    }

    private func candidateFiles() -> [String] {
        directories.flatMap { directory -> [String] in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "\(directory)/\($0)" }
        }
    }
}
