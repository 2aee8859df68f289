import Assessment
import History

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A message ready to go, with what the delivery log files it under.
public struct OutgoingMessage: Sendable {
    public var message: ReportMessage
    public var assessmentID: Int?
    public var clientKey: String

    public init(message: ReportMessage, assessmentID: Int?, clientKey: String) {
        self.message = message
        self.assessmentID = assessmentID
        self.clientKey = clientKey
    }
}

/// How hard to try and how fast to go.
public struct DeliveryPolicy: Sendable {
    /// Attempts per message within one run before it is left deferred for the next run.
    public var attempts = 3
    /// The wait before the second attempt; each later wait doubles.
    public var firstRetryDelay = 5.0
    /// At most this many messages started per minute (nil: as fast as the server takes them).
    public var maximumPerMinute: Int?
    /// Send messages whose earlier attempt was cut off after they were handed over (the server may have them).
    public var resendUnconfirmed = false
    /// Send messages a server refused before (say, once the owner's mailbox exists again).
    public var retryRefused = false

    public init() {}
}

/// What happened to one message in this run.
public enum DeliveryResult: Sendable, Equatable {
    case sent(reply: String)
    case refused(reply: String)
    /// Still temporarily failing after every attempt: the next run tries again.
    case deferred(reply: String)
    /// Accepted by a server in an earlier run: not sent again.
    case alreadyAccepted
    /// Refused in an earlier run: not sent again.
    case alreadyRefused(reply: String?)
    /// Handed over, but no verdict came back (now or in an interrupted run): the server may have it, so it is not
    /// sent again unless asked (`resendUnconfirmed`).
    case unconfirmed
    /// Not tried: the run stopped first (the server was unreachable or refused the session).
    case notAttempted
}

/// Sends messages once each: the delivery log in the history says what a server already accepted.
public final class Courier {
    private let transport: SMTPTransport
    private let log: HistoryStore
    private let policy: DeliveryPolicy
    private let envelopeSender: String
    private var lastStart: Double?

    public init(transport: SMTPTransport, log: HistoryStore, policy: DeliveryPolicy, envelopeSender: String) {
        self.transport = transport
        self.log = log
        self.policy = policy
        self.envelopeSender = envelopeSender
    }

    /// Delivers each message, calling `report` as each is settled. Stops early, marking the rest not attempted,
    /// when the server is unreachable after every retry or refuses the session; the error says why.
    public func deliver(
        _ messages: [OutgoingMessage], report: (OutgoingMessage, DeliveryResult) -> Void
    ) throws(MailError) {
        for (index, outgoing) in messages.enumerated() {
            let (result, stop) = try deliver(outgoing)
            report(outgoing, result)
            if let stop {
                for rest in messages[(index + 1)...] { report(rest, .notAttempted) }
                throw stop
            }
        }
    }

    /// The result for one message, and the reason to stop the run when there is one.
    private func deliver(_ outgoing: OutgoingMessage) throws(MailError) -> (DeliveryResult, MailError?) {
        let message = outgoing.message
        var reclaiming: Set<DeliveryStatus> = []
        if policy.resendUnconfirmed { reclaiming.insert(.sending) }
        if policy.retryRefused { reclaiming.insert(.refused) }
        var delay = policy.firstRetryDelay
        var attempt = 1
        while true {
            waitForRate()
            let standing = try logged { () throws(HistoryError) in
                try log.claimDelivery(
                    key: message.deliveryKey, messageID: message.messageID, assessmentID: outgoing.assessmentID,
                    clientKey: outgoing.clientKey, recipient: message.to.address, subject: message.subject, reclaiming: reclaiming)
            }
            if let standing {
                switch standing.status {
                case .accepted: return (.alreadyAccepted, nil)
                case .refused: return (.alreadyRefused(reply: standing.reply), nil)
                case .sending, .deferred: return (.unconfirmed, nil)
                }
            }
            let outcome = transport.send(message.bytes, from: envelopeSender, to: message.to.address)
            switch outcome {
            case .accepted(let reply):
                try finish(message, .accepted, reply)
                return (.sent(reply: reply), nil)
            case .permanent(let reply):
                try finish(message, .refused, reply)
                return (.refused(reply: reply), nil)
            case .unconfirmed(let reply):
                try finish(message, .sending, reply)
                return (.unconfirmed, MailError.server("the server took the whole message but gave no answer (\(reply)); "
                    + "it may have it, so it is not sent again unless you ask (--resend-unconfirmed)"))
            case .sessionFailed(let reply):
                try finish(message, .deferred, reply)
                return (.deferred(reply: reply), MailError.server(reply))
            case .temporary(let reply), .unreachable(let reply):
                try finish(message, .deferred, reply)
                guard attempt >= max(1, policy.attempts) else {
                    pause(seconds: delay)
                    delay *= 2
                    attempt += 1
                    continue
                }
                if case .unreachable = outcome {
                    return (.deferred(reply: reply), MailError.server("the server stopped answering (\(reply)); the rest waits for the next run"))
                }
                return (.deferred(reply: reply), nil)
            }
        }
    }

    private func finish(_ message: ReportMessage, _ status: DeliveryStatus, _ reply: String) throws(MailError) {
        try logged { () throws(HistoryError) in try log.finishDelivery(key: message.deliveryKey, status: status, reply: reply) }
    }

    /// Spaces message starts so no minute holds more than `maximumPerMinute`.
    private func waitForRate() {
        let now = Self.monotonicSeconds()
        if let limit = policy.maximumPerMinute, limit > 0, let lastStart {
            let wait = lastStart + 60.0 / Double(limit) - now
            if wait > 0 { pause(seconds: wait) }
        }
        lastStart = Self.monotonicSeconds()
    }

    private func pause(seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// A history failure stops the run: sending without a log could send twice.
    private func logged<T>(_ body: () throws(HistoryError) -> T) throws(MailError) -> T {
        do throws(HistoryError) {
            return try body()
        } catch {
            throw MailError.server("the delivery log cannot be written (\(error.message)); nothing more is sent")
        }
    }
}
