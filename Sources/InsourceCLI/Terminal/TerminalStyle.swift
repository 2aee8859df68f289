#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif
import Assessment

/// Colour on a terminal only, and never when NO_COLOR is set (no-color.org).
struct TerminalStyle: Sendable {
    enum Colour: String {
        case plain = "", red = "31", green = "32", yellow = "33", blue = "34", grey = "90"
    }

    let colours: Bool

    static func forStandardError() -> TerminalStyle { TerminalStyle(colours: wantsColour(fd: 2)) }
    static func forStandardOutput() -> TerminalStyle { TerminalStyle(colours: wantsColour(fd: 1)) }

    private static func wantsColour(fd: Int32) -> Bool {
        if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
        return isatty(fd) == 1
    }

    func paint(_ text: String, _ colour: Colour, bold: Bool = false) -> String {
        guard colours, colour != .plain || bold else { return text }
        let codes = [bold ? "1" : nil, colour == .plain ? nil : colour.rawValue].compactMap { $0 }.joined(separator: ";")
        return "\u{1B}[\(codes)m\(text)\u{1B}[0m"
    }
}

/// Writing to standard error without Foundation's buffering surprises.
enum StandardError {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(2, base + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    static func report(_ diagnostics: [Diagnostic]) {
        write(DiagnosticRenderer.render(diagnostics, style: .forStandardError()))
    }
}
