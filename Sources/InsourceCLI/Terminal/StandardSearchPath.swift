import Assessment
import Foundation

extension RubricSearchPath {
    /// --rubrics directories, then INSOURCE_RUBRICS, then ./Rubrics, then the package's own Rubrics folder
    /// (found by walking up from the executable, so `swift run` works from any directory).
    static func standard(extra: [String]) -> RubricSearchPath {
        var directories = extra
        if let variable = ProcessInfo.processInfo.environment["INSOURCE_RUBRICS"] {
            directories += variable.split(separator: ":").map(String.init)
        }
        directories.append("Rubrics")
        if let packaged = PackageResources.find("Rubrics", containing: "social-media.yaml") { directories.append(packaged) }
        var seen: Set<String> = []
        return RubricSearchPath(directories: directories.filter { seen.insert(URL(fileURLWithPath: $0).standardized.path).inserted })
    }
}
