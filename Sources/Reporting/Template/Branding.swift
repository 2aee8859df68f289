import Assessment
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The firm's identity on every report, read from `branding.yaml` beside the template.
public struct Branding: Sendable, Equatable {
    public var firm: String
    public var consultant: String?
    public var contact: String?
    /// A `#rrggbb` colour with at least 4.5:1 contrast against white, so text in it stays readable.
    public var accent: String
    /// The logo as a `data:` URI, so the report needs no external resource.
    public var logoDataURI: String?

    static let keys = ["firm", "consultant", "contact", "accent", "logo"]

    /// Reads and checks a branding file; `directory` resolves the logo's relative path.
    static func load(path: String, directory: String) throws(DiagnosticsError) -> Branding {
        let source = try DocumentReader.decode(InputFile.read(path), path: path)
        let fields = try DocumentFields.read(source, "the branding file", keys: keys, required: ["firm", "accent"])
        var problems: [Diagnostic] = []
        let accent = fields.text("accent") ?? ""
        if let node = fields.node("accent") {
            if let rgb = Colour.parse(accent) {
                let ratio = Colour.contrastAgainstWhite(rgb)
                if ratio < 4.5 {
                    problems.append(source.diagnostic(
                        "the accent colour \(accent) has a contrast of \(NumberText.format(ratio)):1 against white; text needs at least 4.5:1",
                        at: node.location))
                }
            } else {
                problems.append(source.diagnostic("the accent colour must be written #rrggbb, found '\(accent)'", at: node.location))
            }
        }
        var logo: String?
        if let name = fields.text("logo"), let node = fields.node("logo") {
            let logoPath = name.hasPrefix("/") ? name : "\(directory)/\(name)"
            do throws(DiagnosticsError) {
                logo = try dataURI(forImageAt: logoPath)
            } catch {
                problems.append(source.diagnostic(
                    "cannot embed the logo '\(name)': \(error.diagnostics.first?.message ?? "unreadable")", at: node.location))
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return Branding(
            firm: fields.text("firm") ?? "", consultant: fields.text("consultant"), contact: fields.text("contact"),
            accent: accent.lowercased(), logoDataURI: logo)
    }

    private static func dataURI(forImageAt path: String) throws(DiagnosticsError) -> String {
        let types = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "svg": "image/svg+xml"]
        let suffix = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard let type = types[suffix] else {
            throw DiagnosticsError([Diagnostic(.error, "a logo must be a .png, .jpg, .gif or .svg file", path: path)])
        }
        let bytes = try InputFile.read(path, limit: 512 * 1024)
        guard looks(bytes, like: suffix) else {
            throw DiagnosticsError([Diagnostic(.error, "the file's contents are not a \(suffix.uppercased()) image", path: path)])
        }
        return "data:\(type);base64,\(Data(bytes).base64EncodedString())"
    }

    /// The first bytes of each image format, so a misnamed file is refused instead of showing as a broken image.
    private static func looks(_ bytes: [UInt8], like suffix: String) -> Bool {
        switch suffix {
        case "png": return bytes.starts(with: [0x89, 0x50, 0x4E, 0x47])
        case "jpg", "jpeg": return bytes.starts(with: [0xFF, 0xD8, 0xFF])
        case "gif": return bytes.starts(with: Array("GIF8".utf8))
        default:
            let head = String(decoding: bytes.prefix(512), as: UTF8.self)
            return head.contains("<svg")
        }
    }
}

/// sRGB colours as the WCAG contrast formula needs them.
enum Colour {
    static func parse(_ text: String) -> (Double, Double, Double)? {
        guard text.count == 7, text.first == "#", let value = Int(text.dropFirst(), radix: 16) else { return nil }
        return (Double((value >> 16) & 0xFF) / 255, Double((value >> 8) & 0xFF) / 255, Double(value & 0xFF) / 255)
    }

    static func contrastAgainstWhite(_ rgb: (Double, Double, Double)) -> Double {
        func linear(_ channel: Double) -> Double {
            channel <= 0.03928 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * linear(rgb.0) + 0.7152 * linear(rgb.1) + 0.0722 * linear(rgb.2)
        return 1.05 / (luminance + 0.05)
    }
}
