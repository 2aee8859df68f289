import Assessment
import Synchronization

/// The report's frame, styles and branding, loaded once and copied for each report.
///
/// A consultant edits these files in `Reports/template/` (or a directory given with `--template`);
/// nothing is compiled in, and a broken file is reported with its path and place.
public final class ReportTemplate: Sendable {
    /// The places the generated sections go, in the order the report reads.
    static let slots = ["header", "summary", "chart", "criteria", "rules", "actions", "coverage", "method", "appendix"]

    public let branding: Branding
    /// The SHA-256 of everything the template contributes to a report: a batch redoes its reports when it changes.
    public let fingerprint: String
    let styles: StyleTable
    /// Where each slot element sits in the frame, as child positions, so a copy finds it without a search.
    let slotPaths: [String: [Int]]
    /// The radar chart's names, and its grid and label placement per list of criteria, worked out once per rubric.
    let radarLayouts: RadarLayouts
    let staticParts: StaticParts
    /// The slots the Markdown writer reads as blocks, where parts may be kept (`ReportBuilder.add`).
    let slotsKeepingParts: Set<String>
    let frameParts: FrameParts
    /// The parsed, styled and branded frame. Only ever copied (under the lock), never changed after loading.
    private let frame: Mutex<HTMLDocument>
    /// Where it was loaded from, to load it again (`independentCopy`).
    private let directory: String
    private let keepsStaticParts: Bool
    private let keptPartLimit: Int

    /// Loads `report.html`, `styles.css` and `branding.yaml` from `directory`.
    public convenience init(directory: String) throws(DiagnosticsError) {
        try self.init(directory: directory, keepingStaticParts: true)
    }

    /// `keepingStaticParts` false builds every part of every report node by node, as tests do to check
    /// that keeping them changes no byte.
    /// `keptPartLimit` bounds the kept parts (`StaticParts`), small in tests of a full table.
    init(directory: String, keepingStaticParts: Bool, keptPartLimit: Int = StaticParts.defaultLimit) throws(DiagnosticsError) {
        self.directory = directory
        keepsStaticParts = keepingStaticParts
        self.keptPartLimit = keptPartLimit
        let branding = try Branding.load(path: "\(directory)/branding.yaml", directory: directory)
        let cssPath = "\(directory)/styles.css"
        let css = try Self.text(at: cssPath).replacing("{{accent}}", with: branding.accent)
        let styles: InlineStyles
        do throws(StyleSheetError) {
            styles = try InlineStyles(css: css)
        } catch {
            throw DiagnosticsError([Diagnostic(
                .error, error.message, path: cssPath, location: SourceLocation(line: error.line, column: 1))])
        }
        let htmlPath = "\(directory)/report.html"
        let document: HTMLDocument
        switch HTMLDocument.parse(try Self.text(at: htmlPath), url: htmlPath) {
        case .success(let parsed): document = parsed
        case .failure(let failure):
            throw DiagnosticsError([Diagnostic(.error, "the report template cannot be used: \(failure.message)", path: htmlPath)])
        }
        let slotPaths = try Self.prepare(document, styles: styles, branding: branding, path: htmlPath)
        self.branding = branding
        // The prepared frame holds the template, its inlined styles and the branding; the style sheet also styles
        // what the builder adds. Together they decide every byte a report is made of, beside the assessment.
        fingerprint = SHA256Digest.hex(of: document.serialized() + Array(css.utf8))
        // Every report replaces what the slots hold, so it goes now rather than being copied and freed
        // with each report; after the fingerprint, which stays what it was.
        for path in slotPaths.values { document.node(at: path).map(document.removeChildren) }
        self.styles = StyleTable(styles, alsoInterning: RadarNames.strings(accent: branding.accent))
        radarLayouts = RadarLayouts(names: RadarNames(self.styles.names, accent: branding.accent))
        self.slotPaths = slotPaths
        staticParts = StaticParts(
            keepsFragments: keepingStaticParts, styles: self.styles, radarNames: radarLayouts.names, limit: keptPartLimit)
        slotsKeepingParts = Set(slotPaths.compactMap { name, path in
            Self.readAsBlocks(path, in: document) ? name : nil
        })
        frameParts = keepingStaticParts ? FrameParts.keep(in: document, slotPaths: Array(slotPaths.values), names: self.styles.names) : .none
        self.frame = Mutex(document)
    }

    /// Whether the element at `path` and every element above it have their children read as blocks.
    private static func readAsBlocks(_ path: [Int], in document: HTMLDocument) -> Bool {
        (0...path.count).allSatisfy { length in
            document.node(at: Array(path.prefix(length))).map { MarkdownWriter.readsChildrenAsBlocks(document.tag(of: $0)) } ?? false
        }
    }

    /// The template loaded again, sharing no object with this one: threads that each render with their own copy
    /// never contend for the reference counts of its styles and kept parts. This template itself (correct, only
    /// shared) when its files no longer load to the same frame, styles and branding, as when they were edited
    /// during a batch: every report of a batch is made from the same template.
    public func independentCopy() -> ReportTemplate {
        guard let copy = try? ReportTemplate(directory: directory, keepingStaticParts: keepsStaticParts, keptPartLimit: keptPartLimit),
            copy.fingerprint == fingerprint, copy.branding == branding
        else {
            return self
        }
        return copy
    }

    /// A fresh copy of the frame for one report, which keeps this template alive, and with it every kept part
    /// its nodes point at.
    func copyFrame() -> HTMLDocument? {
        guard let copy = frame.withLock({ HTMLDocument.copy(of: $0, names: styles.names) }) else { return nil }
        // The copy keeps the template alive, and with it every fragment its nodes will point at.
        copy.keepAlive(self)
        copy.keepAlive(staticParts)
        frameParts.mark(copy, heldBy: self)
        return copy
    }

    private static func text(at path: String) throws(DiagnosticsError) -> String {
        try DocumentReader.decode(InputFile.read(path, limit: 1 << 20), path: path).text
    }

    /// Inlines the styles, fills in the branding, checks that every slot is present exactly once and
    /// returns where each slot is.
    private static func prepare(
        _ document: HTMLDocument, styles: InlineStyles, branding: Branding, path: String
    ) throws(DiagnosticsError) -> [String: [Int]] {
        guard let root = document.root else { return [:] }
        document.removeComments()
        let elements = document.elements(below: root) { _ in true }
        var branded: [(HTMLDocument.Node, String)] = []
        for element in elements {
            guard case .element(let tag) = document.kind(of: element) else { continue }
            let classes = document.attribute("class", of: element)?.split(separator: " ") ?? []
            if let style = styles.style(tag: tag, classes: classes) {
                let own = document.attribute("style", of: element).map { ";\($0)" } ?? ""
                document.setAttribute("style", style + own, on: element)
            }
            if let brand = document.attribute("data-brand", of: element) { branded.append((element, brand)) }
        }
        var problems: [Diagnostic] = []
        var slotElements: [(slot: String, element: HTMLDocument.Node)] = []
        for slot in slots + ["title"] {
            let matches = elements.filter { document.attribute("data-slot", of: $0) == slot }
            if matches.count != 1 {
                problems.append(Diagnostic(
                    .error, matches.isEmpty ? "the template has no element with data-slot=\"\(slot)\"" : "the template has \(matches.count) elements with data-slot=\"\(slot)\"; it needs exactly one",
                    path: path))
            } else if let element = matches.first {
                document.removeAttribute("data-slot", from: element)
                slotElements.append((slot, element))
            }
        }
        problems += enclosedSlots(slotElements, branded: branded, in: document, path: path)
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        // Last, because branding may remove elements (and their children) that the loops above visit;
        // innermost first, so removing an outer element never frees one still to be branded.
        for (element, brand) in branded.reversed() {
            applyBranding(brand, to: element, in: document, branding: branding)
        }
        // After the branding, which may have removed an element before a slot and so moved it.
        return Dictionary(uniqueKeysWithValues: slotElements.map { ($0.slot, document.path(of: $0.element)) })
    }

    /// A slot inside another slot, or inside an element whose content the branding replaces, would be
    /// removed with that content: refused.
    private static func enclosedSlots(
        _ slotElements: [(slot: String, element: HTMLDocument.Node)], branded: [(HTMLDocument.Node, String)],
        in document: HTMLDocument, path: String
    ) -> [Diagnostic] {
        let slotPaths = slotElements.map { ($0.slot, document.path(of: $0.element)) }
        let brandPaths = branded.map { (document.path(of: $0.0), $0.1) }
        var problems: [Diagnostic] = []
        for (slot, slotPath) in slotPaths {
            if let outer = slotPaths.first(where: { $0.1.count < slotPath.count && slotPath.starts(with: $0.1) }) {
                problems.append(Diagnostic(
                    .error, "the element with data-slot=\"\(slot)\" is inside the one with data-slot=\"\(outer.0)\"; slots cannot be nested",
                    path: path))
            }
            if let brand = brandPaths.first(where: { $0.0.count < slotPath.count && slotPath.starts(with: $0.0) }) {
                problems.append(Diagnostic(
                    .error, "the element with data-slot=\"\(slot)\" is inside the one with data-brand=\"\(brand.1)\", whose content the branding replaces",
                    path: path))
            }
        }
        return problems
    }

    private static func applyBranding(_ brand: String, to element: HTMLDocument.Node, in document: HTMLDocument, branding: Branding) {
        document.removeAttribute("data-brand", from: element)
        switch brand {
        case "firm": document.setText(branding.firm, of: element)
        case "consultant": document.setText(branding.consultant ?? branding.firm, of: element)
        case "contact":
            if let contact = branding.contact { document.setText(contact, of: element) } else { document.remove(element) }
        case "logo":
            if let logo = branding.logoDataURI {
                document.setAttribute("src", logo, on: element)
                document.setAttribute("alt", branding.firm, on: element)
            } else {
                document.remove(element)
            }
        default: break
        }
    }
}
