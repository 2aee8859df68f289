import Assessment

/// Renders assessments as reports. One renderer serves many reports (and threads): the template is
/// parsed once and copied for each.
public struct ReportRenderer: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case html, markdown

        public var fileExtension: String { self == .html ? "html" : "md" }
    }

    public let template: ReportTemplate

    public init(template: ReportTemplate) {
        self.template = template
    }

    /// A renderer with its own copy of the template (`ReportTemplate.independentCopy`), for one thread of many.
    public func independentCopy() -> ReportRenderer {
        ReportRenderer(template: template.independentCopy())
    }

    /// The report in one format.
    public func render(_ assessment: Assessment, as format: Format, comparison: AssessmentComparison? = nil) -> String {
        renderAll(assessment, formats: [format], comparison: comparison)[format] ?? ""
    }

    /// Several formats from one tree: the Markdown is written by walking the same document the HTML is.
    public func renderAll(
        _ assessment: Assessment, formats: [Format], comparison: AssessmentComparison? = nil
    ) -> [Format: String] {
        renderBytes(assessment, formats: formats, comparison: comparison).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// The reports as UTF-8 bytes, ready to write to files without a round trip through `String`.
    /// `comparison`, from the history, adds the trend since the previous assessment and the peer percentiles.
    public func renderBytes(
        _ assessment: Assessment, formats: [Format], comparison: AssessmentComparison? = nil
    ) -> [Format: [UInt8]] {
        guard let document = template.copyFrame() else { return [:] }
        let builder = ReportBuilder(
            document: document, styles: template.styles, assessment: assessment, branding: template.branding,
            comparison: comparison, radarLayouts: template.radarLayouts, staticParts: template.staticParts,
            slotsKeepingParts: template.slotsKeepingParts)
        builder.build(slots: template.slotPaths)
        var out: [Format: [UInt8]] = [:]
        for format in formats {
            switch format {
            case .html: out[.html] = document.serialized()
            case .markdown:
                var writer = MarkdownWriter(document: document)
                out[.markdown] = writer.write()
            }
        }
        return out
    }
}
