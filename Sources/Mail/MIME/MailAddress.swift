/// An e-mail address checked against RFC 5322's addr-spec (without the obsolete forms and comments), with an
/// optional display name. Non-ASCII addresses are refused: they need SMTPUTF8, which we do not ask servers for.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public let address: String
    public let displayName: String?

    /// nil when `address` is not a valid addr-spec; `displayName` is checked when the header is written.
    public init?(_ address: String, displayName: String? = nil) {
        guard Self.isValid(address) else { return nil }
        self.address = address
        let name = displayName?.trimmingSpaces
        self.displayName = (name?.isEmpty ?? true) ? nil : name
    }

    public var description: String { address }

    /// The part after the "@", used for Message-IDs.
    public var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]) }

    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.count <= 64, !domain.isEmpty else { return false }
        let localValid = isDotAtom(local) || isQuotedString(local)
        return localValid && (isHostName(domain) || isDomainLiteral(domain))
    }

    /// atext (RFC 5322 §3.2.3): letters, digits and !#$%&'*+-/=?^_`{|}~
    static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
        }
    }

    private static func isDotAtom(_ bytes: ArraySlice<UInt8>) -> Bool {
        let atoms = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return atoms.allSatisfy { !$0.isEmpty && $0.allSatisfy(isAtext) }
    }

    /// A quoted local part: printable ASCII and spaces, with `\` escaping one printable character.
    private static func isQuotedString(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") else { return false }
        var escaping = false
        for byte in bytes.dropFirst().dropLast() {
            guard byte >= 0x20 && byte <= 0x7E else { return false }
            if escaping {
                escaping = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else if byte == UInt8(ascii: "\"") {
                return false
            }
        }
        return !escaping
    }

    /// A domain an SMTP server can route to: dot-separated labels of letters, digits and inner hyphens.
    private static func isHostName(_ bytes: ArraySlice<UInt8>) -> Bool {
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else {
                return false
            }
            return label.allSatisfy { isAtext($0) && ($0 == UInt8(ascii: "-") || !Array("!#$%&'*+/=?^_`{|}~".utf8).contains($0)) }
        }
    }

    /// `[192.0.2.1]`-style literals: printable ASCII without brackets or backslashes inside.
    private static func isDomainLiteral(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 3, bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") else { return false }
        return bytes.dropFirst().dropLast().allSatisfy {
            $0 >= 33 && $0 <= 126 && $0 != UInt8(ascii: "[") && $0 != UInt8(ascii: "]") && $0 != UInt8(ascii: "\\")
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
