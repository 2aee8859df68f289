/// Why a message cannot be built or sent. The command line turns these into diagnostics (in one place).
public struct MailError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The settings (file or flags) are incomplete or wrong.
        case settings
        /// A value from a questionnaire cannot go into a message (a control character in a header, a bad address).
        case content
        /// The server could not be reached or refused the session (not one message's fault).
        case server
    }

    public var kind: Kind
    public var message: String

    public static func settings(_ message: String) -> MailError { MailError(kind: .settings, message: message) }
    public static func content(_ message: String) -> MailError { MailError(kind: .content, message: message) }
    public static func server(_ message: String) -> MailError { MailError(kind: .server, message: message) }
}
