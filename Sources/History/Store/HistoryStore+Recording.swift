import Assessment

/// What recording one assessment did.
public enum RecordOutcome: Sendable, Hashable {
    /// A new assessment, with its row id.
    case recorded(Int)
    /// The same client, rubric and questionnaire were already recorded (with this row id); nothing was added.
    case alreadyRecorded(Int)

    public var id: Int {
        switch self {
        case .recorded(let id), .alreadyRecorded(let id): return id
        }
    }

    public var isNew: Bool {
        if case .recorded = self { return true }
        return false
    }
}

extension HistoryStore {
    /// Records one assessment in its own transaction.
    @discardableResult
    public func record(_ assessment: Assessment, recordedAt: String? = nil) throws(HistoryError) -> RecordOutcome {
        guard let outcome = try record([assessment], recordedAt: recordedAt).first else {
            throw HistoryError(path: path, reason: .sqlite(code: 1, message: "nothing was recorded", sql: nil))
        }
        return outcome
    }

    /// Records many assessments in one transaction: all or none, and much faster than one transaction each.
    @discardableResult
    public func record(_ assessments: [Assessment], recordedAt: String? = nil) throws(HistoryError) -> [RecordOutcome] {
        let when = recordedAt ?? Timestamp.now()
        let writer = try self.writer()
        return try writeTransaction { () throws(HistoryError) in
            do throws(HistoryError) {
                var outcomes: [RecordOutcome] = []
                outcomes.reserveCapacity(assessments.count)
                for assessment in assessments { outcomes.append(try writer.insert(assessment, at: when)) }
                try writer.flush()
                return outcomes
            } catch {
                writer.discard()
                throw error
            }
        }
    }
}
