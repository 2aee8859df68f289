import Assessment

extension MailSettings {
    static let keys = [
        "from", "from_name", "reply_to", "subject", "smtp_host", "smtp_port", "smtp_security", "smtp_auth",
        "smtp_username", "smtp_password_env", "smtp_password_file", "smtp_ca_file", "smtp_timeout",
    ]

    /// Reads and checks a settings file; every problem is reported with its line and column.
    public static func load(path: String) throws(DiagnosticsError) -> MailSettings {
        let source = try DocumentReader.decode(InputFile.read(path, limit: 64 * 1024), path: path)
        let fields = try DocumentFields.read(source, "the settings file", keys: keys)
        var problems: [Diagnostic] = []
        var settings = MailSettings()
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) -> T? where T.RawValue == String {
            guard let text = fields.text(key) else { return nil }
            if let value = T(rawValue: text.lowercased()) { return value }
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append(source.diagnostic("\(key) must be one of \(allowed), found '\(text)'", at: fields.node(key)?.location))
            return nil
        }
        func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
            guard let text = fields.text(key) else { return nil }
            if let value = Int(text), range.contains(value) { return value }
            problems.append(source.diagnostic(
                "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound), found '\(text)'",
                at: fields.node(key)?.location))
            return nil
        }
        settings.from = fields.text("from")
        settings.fromName = fields.text("from_name")
        settings.replyTo = fields.text("reply_to")
        settings.subject = fields.text("subject")
        settings.host = fields.text("smtp_host")
        settings.port = integer("smtp_port", in: 1...65535)
        settings.security = choice("smtp_security", Security.self)
        settings.authentication = choice("smtp_auth", Authentication.self)
        settings.username = fields.text("smtp_username")
        settings.passwordVariable = fields.text("smtp_password_env")
        settings.passwordFile = fields.text("smtp_password_file")
        settings.certificateAuthorities = fields.text("smtp_ca_file")
        settings.timeoutSeconds = integer("smtp_timeout", in: 1...600)
        // Addresses and the subject template are checked here too, so their errors point into the file.
        for key in ["from", "reply_to"] {
            if let text = fields.text(key), MailAddress(text) == nil {
                problems.append(source.diagnostic("'\(text)' is not a valid e-mail address", at: fields.node(key)?.location))
            }
        }
        if let subject = settings.subject {
            do throws(MailError) {
                _ = try SubjectTemplate(subject)
            } catch {
                problems.append(source.diagnostic(error.message, at: fields.node("subject")?.location))
            }
        }
        if !problems.isEmpty {
            throw DiagnosticsError(problems.sorted { ($0.location?.line ?? 0) < ($1.location?.line ?? 0) })
        }
        return settings
    }
}
