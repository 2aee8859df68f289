#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a batch finished in an output directory, read back from its journal: how `insource mail DIR` finds the
/// assessments and reports of a batch.
public struct FinishedItem: Sendable, Hashable {
    /// The input as the batch named it (a path, or a CSV file and row).
    public var label: String
    public var inputSHA256: String
    public var rubricSHA256: String
    /// The reports' file name without its extension.
    public var stem: String
    public var client: String
}

public enum FinishedBatch {
    /// The finished items of the batch in `directory`, in report-name order; nil when it holds no batch journal.
    public static func items(in directory: String) -> [FinishedItem]? {
        guard access(directory + "/" + BatchJournal.fileName, F_OK) == 0 else { return nil }
        return BatchJournal(directory: directory).load().values
            .filter { !$0.stem.isEmpty }
            .map { FinishedItem(label: $0.label, inputSHA256: $0.inputSHA256, rubricSHA256: $0.rubricSHA256, stem: $0.stem, client: $0.client) }
            .sorted { $0.stem < $1.stem }
    }
}
