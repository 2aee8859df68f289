/// Where and how to connect, resolved from the settings: the password is read here from its variable or file.
public struct SMTPServer: Sendable {
    public var host: String
    public var port: Int
    public var security: MailSettings.Security
    public var authentication: MailSettings.Authentication
    public var username: String?
    public var password: String?
    public var certificateAuthorities: String?
    public var timeoutSeconds: Int

    /// "smtp://host:587 (STARTTLS, AUTH PLAIN as user)", for --dry-run and messages.
    public var description: String {
        let scheme = security == .tls ? "smtps" : "smtp"
        let tls = security == .starttls ? ", STARTTLS" : ""
        let auth = authentication == .none ? "" : ", AUTH \(authentication.rawValue.uppercased()) as \(username ?? "")"
        return "\(scheme)://\(host):\(port)\(tls)\(auth)"
    }
}

extension MailSettings {
    /// The server to deliver through, or what is missing. `environment` is where `smtp_password_env` is looked up.
    public func server(environment: [String: String], readFile: (String) -> String?) throws(MailError) -> SMTPServer {
        guard let host, !host.isEmpty else {
            throw MailError.settings("no SMTP server: set 'smtp_host' in insource.yaml or give --smtp-host")
        }
        guard host.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "@") }) else {
            throw MailError.settings("the SMTP host '\(host)' is not a host name or address")
        }
        let security = self.security ?? .starttls
        let defaultPort = security == .tls ? 465 : security == .starttls ? 587 : 25
        let authentication = self.authentication ?? (username == nil ? .none : .plain)
        var password: String?
        if authentication != .none {
            guard let username, !username.isEmpty else {
                throw MailError.settings("AUTH \(authentication.rawValue.uppercased()) needs 'smtp_username'")
            }
            if let variable = passwordVariable {
                guard let value = environment[variable], !value.isEmpty else {
                    throw MailError.settings("the password variable \(variable) is not set")
                }
                password = value
            } else if let file = passwordFile {
                guard let text = readFile(file) else { throw MailError.settings("cannot read the password file \(file)") }
                let line = text.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
                password = String(line.hasSuffix("\r") ? line.dropLast() : line)
            } else {
                throw MailError.settings(
                    "AUTH needs a password: name its environment variable with 'smtp_password_env' or its file with "
                        + "'smtp_password_file' (never on the command line)")
            }
        }
        return SMTPServer(
            host: host, port: port ?? defaultPort, security: security, authentication: authentication,
            username: username, password: password, certificateAuthorities: certificateAuthorities,
            timeoutSeconds: timeoutSeconds ?? 300)
    }
}
