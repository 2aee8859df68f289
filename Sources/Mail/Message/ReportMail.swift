import Assessment

/// Turns an assessment and its rendered reports into the message its owner receives.
public enum ReportMail {
    /// What goes in the body, rendered by the caller (the plain report and the HTML report, byte for byte).
    public struct Content: Sendable {
        public var plainText: String
        public var html: [UInt8]
        public var attachments: [ReportMessage.Attachment]

        public init(plainText: String, html: [UInt8], attachments: [ReportMessage.Attachment] = []) {
            self.plainText = plainText
            self.html = html
            self.attachments = attachments
        }
    }

    /// The owner's address, or nil when the questionnaire gives none (such clients get no message).
    /// Throws when a value that would land in a header holds a control character or the address is malformed.
    public static func recipient(of assessment: Assessment) throws(MailError) -> MailAddress? {
        guard let email = assessment.client.email?.trimmingSpaces, !email.isEmpty else { return nil }
        let owner = assessment.client.owner?.trimmingSpaces
        let display = (owner?.isEmpty ?? true) ? assessment.client.name : owner!
        for (field, value) in [("client.email", email), ("client.owner", assessment.client.owner), ("client.name", assessment.client.name)] {
            if let value, let bad = HeaderText.forbiddenCharacter(in: value) {
                throw MailError.content(
                    "\(field) holds a control character (\(bad.codeDescription)), which must never reach a mail header; "
                        + "the message is refused")
            }
        }
        guard let address = MailAddress(email, displayName: display) else {
            throw MailError.content("client.email '\(email)' is not a valid e-mail address")
        }
        return address
    }

    /// The message for `assessment`, or nil when its client has no e-mail address.
    public static func compose(
        _ assessment: Assessment, sender: MailSender, content: Content, date: String
    ) throws(MailError) -> ReportMessage? {
        guard let to = try recipient(of: assessment) else { return nil }
        let subject = sender.subject.render([
            "client": assessment.client.name,
            "owner": to.displayName ?? assessment.client.name,
            "verdict": assessment.verdict.phrase,
            "score": assessment.overall.map { NumberText.format($0) } ?? "no score",
            "rubric": assessment.rubric.title,
        ])
        let key = [assessment.questionnaire.sha256, assessment.rubric.sha256, to.address.lowercased()].joined(separator: "\n")
        return ReportMessage(
            from: sender.from, replyTo: sender.replyTo, to: to, subject: subject, key: key, date: date,
            plainText: content.plainText, html: content.html, attachments: content.attachments)
    }
}
