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
    /// What makes it this message: a digest of the assessment and the recipient.
    public var key: String
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
        "delivery_key, message_id, assessment_id, client_key, recipient, subject, status, attempts, reply, updated_at"

    /// The log entry for a message, or nil when it was never attempted.
    public func delivery(key: String) throws(HistoryError) -> DeliveryRecord? {
        guard hasSchema else { return nil }
        return try statement("SELECT \(Self.deliveryColumns) FROM deliveries WHERE delivery_key = ?1")
            .rows([.text(key)], Self.deliveryRecord).first
    }

    /// Every logged message, oldest change first.
    public func deliveries() throws(HistoryError) -> [DeliveryRecord] {
        guard hasSchema else { return [] }
        return try statement("SELECT \(Self.deliveryColumns) FROM deliveries ORDER BY updated_at, message_id")
            .rows([], Self.deliveryRecord)
    }

    /// Claims a message for sending: in one write transaction, checks its entry and, unless its status is one
    /// that must not be sent again (anything but `deferred` and the statuses in `reclaiming`), marks it `sending`
    /// and counts the attempt, committed before the first byte goes out. Returns nil when claimed, else the
    /// entry that stands in the way, so two runs at once never both send the same message.
    public func claimDelivery(
        key: String, messageID: String, assessmentID: Int?, clientKey: String, recipient: String, subject: String,
        reclaiming: Set<DeliveryStatus> = []
    ) throws(HistoryError) -> DeliveryRecord? {
        try writeTransaction { () throws(HistoryError) -> DeliveryRecord? in
            if let existing = try delivery(key: key), existing.status != .deferred, !reclaiming.contains(existing.status) {
                return existing
            }
            try statement("""
                INSERT INTO deliveries (delivery_key, message_id, assessment_id, client_key, recipient, subject, status, attempts, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'sending', 1, ?7)
                ON CONFLICT (delivery_key) DO UPDATE SET
                    status = 'sending', attempts = attempts + 1, updated_at = excluded.updated_at,
                    message_id = excluded.message_id, subject = excluded.subject,
                    assessment_id = coalesce(excluded.assessment_id, assessment_id)
                """).run([
                    .text(key), .text(messageID), assessmentID.map { Statement.Value.integer(Int64($0)) } ?? .null,
                    .text(clientKey), .text(recipient), .text(subject), .text(Timestamp.now()),
                ])
            return nil
        }
    }

    /// Records the server's answer to the latest attempt.
    public func finishDelivery(key: String, status: DeliveryStatus, reply: String?) throws(HistoryError) {
        try writeTransaction { () throws(HistoryError) in
            try statement("UPDATE deliveries SET status = ?2, reply = ?3, updated_at = ?4 WHERE delivery_key = ?1")
                .run([.text(key), .text(status.rawValue), reply.map { Statement.Value.text($0) } ?? .null, .text(Timestamp.now())])
        }
    }

    private static func deliveryRecord(_ row: Statement) -> DeliveryRecord {
        DeliveryRecord(
            key: row.string(0), messageID: row.string(1), assessmentID: row.isNull(2) ? nil : row.int(2), clientKey: row.string(3),
            recipient: row.string(4), subject: row.string(5), status: DeliveryStatus(rawValue: row.string(6)) ?? .deferred,
            attempts: row.int(7), reply: row.optionalString(8), updatedAt: row.string(9))
    }
}
