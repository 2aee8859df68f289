import Assessment

/// One report as an e-mail to its owner: the headers, a `multipart/alternative` body (the plain report, then the
/// HTML report), and with attachments the whole inside `multipart/mixed`. Built as bytes with CRLF line ends.
public struct ReportMessage: Sendable {
    public struct Attachment: Sendable {
        public var fileName: String
        public var contentType: String
        public var bytes: [UInt8]

        public init(fileName: String, contentType: String, bytes: [UInt8]) {
            self.fileName = fileName
            self.contentType = contentType
            self.bytes = bytes
        }
    }

    public let from: MailAddress
    public let replyTo: MailAddress?
    public let to: MailAddress
    public let subject: String
    public let messageID: String
    /// What the delivery log files the message under: the digest of the assessment and the recipient, without the
    /// sender, so a new From address does not make an accepted report new.
    public let deliveryKey: String
    public let bytes: [UInt8]

    /// - Parameters:
    ///   - key: what makes this message unique (the assessment and the recipient); the Message-ID is derived from
    ///     it, so the same report to the same owner always has the same Message-ID, which is what the delivery log
    ///     and the recipients' mail clients recognise a repeat by.
    ///   - date: the Date header, as RFC 5322 text (see `MailDate`).
    public init(
        from: MailAddress, replyTo: MailAddress?, to: MailAddress, subject: String, key: String, date: String,
        plainText: String, html: [UInt8], attachments: [Attachment] = []
    ) {
        self.from = from
        self.replyTo = replyTo
        self.to = to
        self.subject = subject
        let digest = SHA256Digest.hex(of: Array(key.utf8))
        deliveryKey = String(digest.prefix(32))
        messageID = "<\(deliveryKey).insource@\(from.domain)>"
        // Boundaries hold "=_", which neither quoted-printable nor base64 output can contain.
        let boundary = "=_" + digest.suffix(20)

        var out: [UInt8] = []
        out += HeaderText.address("From", from)
        if let replyTo { out += HeaderText.address("Reply-To", replyTo) }
        out += HeaderText.address("To", to)
        out += HeaderText.unstructured("Subject", subject)
        out += Array("Date: \(date)\r\nMessage-ID: \(messageID)\r\nMIME-Version: 1.0\r\n".utf8)
        let alternative = Self.alternative(plainText: plainText, html: html, boundary: boundary + "_a")
        if attachments.isEmpty {
            out += alternative
        } else {
            let mixed = boundary + "_m"
            out += Array("Content-Type: multipart/mixed;\r\n boundary=\"\(mixed)\"\r\n\r\n".utf8)
            out += Array("--\(mixed)\r\n".utf8) + alternative
            for attachment in attachments {
                out += Array("\r\n--\(mixed)\r\n".utf8)
                out += Array("Content-Type: \(attachment.contentType); charset=utf-8\r\n".utf8)
                out += Array("Content-Disposition: attachment;\r\n filename=\"\(attachment.fileName)\"\r\n".utf8)
                out += Array("Content-Transfer-Encoding: base64\r\n\r\n".utf8)
                out += Base64Lines.encode(attachment.bytes)
            }
            out += Array("\r\n--\(mixed)--\r\n".utf8)
        }
        bytes = out
    }

    /// The plain part first: readers show the last alternative they can, so the HTML wins where it can be shown.
    private static func alternative(plainText: String, html: [UInt8], boundary: String) -> [UInt8] {
        var out = Array("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"\r\n\r\n".utf8)
        out += Array("--\(boundary)\r\n".utf8)
        out += Array("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
        out += QuotedPrintable.encode(Array(plainText.utf8))
        out += Array("\r\n--\(boundary)\r\n".utf8)
        // Base64 keeps the report's bytes exactly (quoted-printable would turn its line ends into CRLF).
        out += Array("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n".utf8)
        out += Base64Lines.encode(html)
        out += Array("\r\n--\(boundary)--\r\n".utf8)
        return out
    }
}
