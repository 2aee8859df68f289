import Assessment

/// Where one message stands with the server.
public enum DeliveryStatus: String, Sendable, Hashable {
    /// Handed to the server and no answer recorded yet: a crash came in between, so the server may have it.
    case sending
    /// The server accepted it: never sent again.
    case accepted
    /// A temporary failure (4xx, timeout, connection lost): sent again by the next run.
    case deferred
    /// A permanent failure (5xx): recorded and reported, not sent again.
    case refused
}

/// One message in the delivery log.
public struct DeliveryRecord: Sendable, Hashable {
    public var messageID: String
    public var assessmentID: Int?
    public var clientKey: String
    public var recipient: String
    public var subject: String
    public var status: DeliveryStatus
    public var attempts: Int
    /// The server's last reply, or why there was none.
    public var reply: String?
    public var updatedAt: String
}

extension HistoryStore {
    private static let deliveryColumns =
        "message_id, assessment_id, client_key, recipient, subject, status, attempts, reply, updated_at"

    /// The log entry for a message, or nil when it was never attempted.
    public func delivery(messageID: String) throws(HistoryError) -> DeliveryRecord? {
        guard hasSchema else { return nil }
        return try statement("SELECT \(Self.deliveryColumns) FROM deliveries WHERE message_id = ?1")
            .rows([.text(messageID)], Self.deliveryRecord).first
    }

    /// Every logged message, oldest change first.
    public func deliveries() throws(HistoryError) -> [DeliveryRecord] {
        guard hasSchema else { return [] }
        return try statement("SELECT \(Self.deliveryColumns) FROM deliveries ORDER BY updated_at, message_id")
            .rows([], Self.deliveryRecord)
    }

    /// Marks a message as being handed to the server, counting the attempt; committed before the first byte is sent.
    public func beginDelivery(
        messageID: String, assessmentID: Int?, clientKey: String, recipient: String, subject: String
    ) throws(HistoryError) {
        try writeTransaction { () throws(HistoryError) in
            try statement("""
                INSERT INTO deliveries (message_id, assessment_id, client_key, recipient, subject, status, attempts, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, 'sending', 1, ?6)
                ON CONFLICT (message_id) DO UPDATE SET
                    status = 'sending', attempts = attempts + 1, updated_at = excluded.updated_at,
                    assessment_id = coalesce(excluded.assessment_id, assessment_id)
                """).run([
                    .text(messageID), assessmentID.map { Statement.Value.integer(Int64($0)) } ?? .null, .text(clientKey),
                    .text(recipient), .text(subject), .text(Timestamp.now()),
                ])
        }
    }

    /// Records the server's answer to the latest attempt.
    public func finishDelivery(messageID: String, status: DeliveryStatus, reply: String?) throws(HistoryError) {
        try writeTransaction { () throws(HistoryError) in
            try statement("UPDATE deliveries SET status = ?2, reply = ?3, updated_at = ?4 WHERE message_id = ?1")
                .run([.text(messageID), .text(status.rawValue), reply.map { Statement.Value.text($0) } ?? .null, .text(Timestamp.now())])
        }
    }

    private static func deliveryRecord(_ row: Statement) -> DeliveryRecord {
        DeliveryRecord(
            messageID: row.string(0), assessmentID: row.isNull(1) ? nil : row.int(1), clientKey: row.string(2),
            recipient: row.string(3), subject: row.string(4), status: DeliveryStatus(rawValue: row.string(5)) ?? .deferred,
            attempts: row.int(6), reply: row.optionalString(7), updatedAt: row.string(8))
    }
}
