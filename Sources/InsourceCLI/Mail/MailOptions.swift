import ArgumentParser
import Assessment
import Foundation
import Mail

/// The options every command that writes or sends e-mail shares: settings overrides, attachments, delivery.
struct MailOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Mail settings file (default: ./insource.yaml, else ~/.config/insource/insource.yaml).", valueName: "FILE"))
    var config: String?

    @Option(help: ArgumentHelp("Sender address (From and, unless --reply-to, Reply-To).", valueName: "ADDRESS"))
    var from: String?

    @Option(help: ArgumentHelp("Sender's display name.", valueName: "NAME"))
    var fromName: String?

    @Option(help: ArgumentHelp("Reply-To address.", valueName: "ADDRESS"))
    var replyTo: String?

    @Option(help: ArgumentHelp(
        "Subject template, with {client}, {owner}, {verdict}, {score} and {rubric}.", valueName: "TEMPLATE"))
    var subject: String?

    @Option(help: ArgumentHelp("Attach the reports too: html, markdown, or both separated by a comma.", valueName: "FORMATS"))
    var attach: String?

    @Flag(help: "Deliver the messages over SMTP (else they are only written as .eml files).")
    var send = false

    @Flag(help: "Show what would be sent to whom through which server; write and send nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Start at most N messages a minute.", valueName: "N"))
    var maxPerMinute: Int?

    @Option(help: ArgumentHelp("Attempts per message in one run when the server fails temporarily.", valueName: "N"))
    var attempts: Int = 3

    @Option(help: ArgumentHelp("Seconds before the second attempt; each later wait doubles.", valueName: "SECONDS"))
    var retryDelay: Double = 5

    @Flag(help: "Also send messages handed to a server earlier without an answer heard (it may have them).")
    var resendUnconfirmed = false

    @Flag(help: "Also send messages a server refused earlier.")
    var retryRefused = false

    @Option(help: ArgumentHelp("SMTP server host.", valueName: "HOST")) var smtpHost: String?
    @Option(help: ArgumentHelp("SMTP port (default 587, or 465 with tls, 25 with none).", valueName: "PORT")) var smtpPort: Int?
    @Option(help: ArgumentHelp("starttls (default), tls or none.", valueName: "MODE")) var smtpSecurity: String?
    @Option(help: ArgumentHelp("plain, login or none.", valueName: "METHOD")) var smtpAuth: String?
    @Option(help: ArgumentHelp("SMTP user name.", valueName: "USER")) var smtpUser: String?
    @Option(help: ArgumentHelp("Environment variable holding the SMTP password.", valueName: "NAME")) var smtpPasswordEnv: String?
    @Option(help: ArgumentHelp("File holding the SMTP password.", valueName: "FILE")) var smtpPasswordFile: String?
    @Option(help: ArgumentHelp("CA bundle for the server's certificate.", valueName: "FILE")) var smtpCaFile: String?
    @Option(help: ArgumentHelp("Seconds to wait for each server reply (default 300).", valueName: "SECONDS")) var smtpTimeout: Int?

    func validate() throws {
        _ = try attachments()
        if let maxPerMinute, maxPerMinute < 1 { throw ValidationError("--max-per-minute must be at least 1") }
        if attempts < 1 { throw ValidationError("--attempts must be at least 1") }
        if retryDelay < 0 || !retryDelay.isFinite { throw ValidationError("--retry-delay must be zero or more seconds") }
        if let smtpTimeout, !(1...600).contains(smtpTimeout) { throw ValidationError("--smtp-timeout must be 1 to 600 seconds") }
        if send && dryRun { throw ValidationError("--send and --dry-run exclude each other") }
        if let smtpSecurity, MailSettings.Security(rawValue: smtpSecurity.lowercased()) == nil {
            throw ValidationError("--smtp-security must be starttls, tls or none")
        }
        if let smtpAuth, MailSettings.Authentication(rawValue: smtpAuth.lowercased()) == nil {
            throw ValidationError("--smtp-auth must be plain, login or none")
        }
    }

    enum AttachedFormat: String { case html, markdown }

    func attachments() throws -> [AttachedFormat] {
        guard let attach else { return [] }
        var formats: [AttachedFormat] = []
        for name in attach.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let format = AttachedFormat(rawValue: name == "md" ? "markdown" : name) else {
                throw ValidationError("--attach takes html, markdown or both, not '\(name)'")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }

    /// The settings file (if any) with the flags over it; a broken file is reported and ends the command.
    func settings() throws -> MailSettings {
        var settings = MailSettings()
        if let path = config ?? Self.defaultConfigPath() {
            do throws(DiagnosticsError) {
                settings = try MailSettings.load(path: path)
            } catch {
                StandardError.report(error.diagnostics)
                throw ExitCode.invalidInput
            }
        }
        var flags = MailSettings()
        flags.from = from
        flags.fromName = fromName
        flags.replyTo = replyTo
        flags.subject = subject
        flags.host = smtpHost
        flags.port = smtpPort
        flags.security = smtpSecurity.flatMap { MailSettings.Security(rawValue: $0.lowercased()) }
        flags.authentication = smtpAuth.flatMap { MailSettings.Authentication(rawValue: $0.lowercased()) }
        flags.username = smtpUser
        flags.passwordVariable = smtpPasswordEnv
        flags.passwordFile = smtpPasswordFile
        flags.certificateAuthorities = smtpCaFile
        flags.timeoutSeconds = smtpTimeout
        var merged = settings.overridden(by: flags)
        // Paths in a settings file are written by people: `~/` is their home folder, as in a shell.
        merged.certificateAuthorities = merged.certificateAuthorities.map(Self.expandingHome)
        merged.passwordFile = merged.passwordFile.map(Self.expandingHome)
        return merged
    }

    var policy: DeliveryPolicy {
        var policy = DeliveryPolicy()
        policy.attempts = attempts
        policy.firstRetryDelay = retryDelay
        policy.maximumPerMinute = maxPerMinute
        policy.resendUnconfirmed = resendUnconfirmed
        policy.retryRefused = retryRefused
        return policy
    }

    /// `~/x` as the user's home folder.
    private static func expandingHome(_ path: String) -> String {
        guard path.hasPrefix("~/") else { return path }
        return (ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
    }

    /// ./insource.yaml, else $XDG_CONFIG_HOME/insource/insource.yaml (~/.config when unset), when either exists.
    static func defaultConfigPath() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return ["insource.yaml", configHome + "/insource/insource.yaml"].first { FileManager.default.fileExists(atPath: $0) }
    }
}
