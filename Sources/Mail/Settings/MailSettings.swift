import Assessment

/// Who the reports come from and how they are delivered: read from `insource.yaml`, then overridden by flags.
///
/// Every field is optional here so that a file and the flags can each give part of it; `sender()` and
/// `server()` say what is still missing when a command needs it.
public struct MailSettings: Sendable, Equatable {
    public enum Security: String, Sendable, CaseIterable {
        /// Plain connection upgraded with STARTTLS, which must succeed (the usual port 587).
        case starttls
        /// TLS from the first byte (port 465).
        case tls
        /// No encryption: only for a relay on this machine or a test server.
        case none
    }

    public enum Authentication: String, Sendable, CaseIterable {
        case plain, login, none
    }

    public var from: String?
    public var fromName: String?
    public var replyTo: String?
    public var subject: String?
    public var host: String?
    public var port: Int?
    public var security: Security?
    public var authentication: Authentication?
    public var username: String?
    /// The name of an environment variable that holds the password; the password itself never sits in a file
    /// that gets shared or in a command line that `ps` shows.
    public var passwordVariable: String?
    public var passwordFile: String?
    /// A CA bundle for servers with a private certificate authority.
    public var certificateAuthorities: String?
    /// How long to wait for each reply (default 300 s; RFC 5321 gives the reply to the end of the data 10 minutes).
    public var timeoutSeconds: Int?

    public init() {}

    /// The subject when neither the file nor a flag gives one.
    public static let defaultSubject = "{client}: your assessment report ({verdict})"

    /// Values from `overrides` win where they are set.
    public func overridden(by overrides: MailSettings) -> MailSettings {
        var out = self
        out.from = overrides.from ?? from
        out.fromName = overrides.fromName ?? fromName
        out.replyTo = overrides.replyTo ?? replyTo
        out.subject = overrides.subject ?? subject
        out.host = overrides.host ?? host
        out.port = overrides.port ?? port
        out.security = overrides.security ?? security
        out.authentication = overrides.authentication ?? authentication
        out.username = overrides.username ?? username
        out.passwordVariable = overrides.passwordVariable ?? passwordVariable
        out.passwordFile = overrides.passwordFile ?? passwordFile
        out.certificateAuthorities = overrides.certificateAuthorities ?? certificateAuthorities
        out.timeoutSeconds = overrides.timeoutSeconds ?? timeoutSeconds
        return out
    }
}

/// What a message needs from the settings, checked.
public struct MailSender: Sendable {
    public let from: MailAddress
    public let replyTo: MailAddress?
    public let subject: SubjectTemplate
}

extension MailSettings {
    /// The From, Reply-To and subject template, or what is wrong with them.
    public func sender() throws(MailError) -> MailSender {
        guard let from, !from.isEmpty else {
            throw MailError.settings("no sender address: set 'from' in insource.yaml or give --from")
        }
        guard let address = MailAddress(from, displayName: fromName) else {
            throw MailError.settings("the sender address '\(from)' is not a valid e-mail address")
        }
        if let fromName, let bad = HeaderText.forbiddenCharacter(in: fromName) {
            throw MailError.settings("the sender name holds a control character (\(bad.codeDescription))")
        }
        var reply: MailAddress?
        if let replyTo, !replyTo.isEmpty {
            guard let parsed = MailAddress(replyTo, displayName: fromName) else {
                throw MailError.settings("the reply-to address '\(replyTo)' is not a valid e-mail address")
            }
            reply = parsed
        } else {
            reply = address
        }
        let template = try SubjectTemplate(subject ?? Self.defaultSubject)
        return MailSender(from: address, replyTo: reply, subject: template)
    }
}

extension Unicode.Scalar {
    /// "U+000A", for messages about characters that cannot be shown.
    var codeDescription: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
