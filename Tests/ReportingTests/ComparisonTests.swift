import Assessment
import Foundation
import Reporting
import Testing

/// What the history adds to a report: the trend since the previous assessment and the peer percentiles.
@Suite("Trend and peer comparison in reports")
struct ComparisonTests {
    static func comparison(for assessment: Assessment) -> AssessmentComparison {
        var before: [String: Double] = [:]
        var percentiles: [String: Double] = [:]
        for (index, criterion) in assessment.criteria.enumerated() {
            // One criterion rose, one fell, one held, and the last has no earlier score.
            let score = criterion.score ?? 50
            switch index {
            case 0: before[criterion.id] = score - 10
            case 1: before[criterion.id] = score + 5.5
            case 2: before[criterion.id] = score
            default: break
            }
            percentiles[criterion.id] = Double(20 * (index + 1))
        }
        return AssessmentComparison(
            previous: .init(date: "2025-11-02", recordedAt: "2025-11-02T10:00:00Z", overall: 70, verdict: .hybrid, scores: before),
            peers: .init(industry: "Bakery and café", groupSize: 7, percentiles: percentiles))
    }

    @Test("the HTML shows each criterion's change with an arrow, the previous verdict, and the peer group's size")
    func htmlShowsTrendAndPeers() throws {
        let assessment = try assessExample("rosas-bakery.yaml")
        let html = try shippedRenderer().render(assessment, as: .html, comparison: Self.comparison(for: assessment))
        let parsed = try parseHTML(html)
        let table = try #require(parsed.tables.first { $0.first?.contains("Peer percentile") == true })
        #expect(table.first == ["Criterion", "Then", "Now", "Change", "Peer percentile"])
        #expect(table.count == assessment.criteria.count + 1)
        #expect(table[1][3] == "↑ +10")
        #expect(table[2][3] == "↓ −5.5")
        #expect(table[3][3] == "→ 0")
        #expect(table[4][3] == "–", "no earlier score, no change")
        #expect(table[1][4] == "20")
        let text = parsed.all("p").map(\.text).joined(separator: "\n")
        #expect(text.contains("2025-11-02") && text.contains("hybrid"))
        #expect(text.contains("7 assessed clients in Bakery and café"))
    }

    @Test("the Markdown carries the same trend table")
    func markdownCarriesTheSameTable() throws {
        let assessment = try assessExample("rosas-bakery.yaml")
        let comparison = Self.comparison(for: assessment)
        let renderer = try shippedRenderer()
        let html = try parseHTML(renderer.render(assessment, as: .html, comparison: comparison))
        let markdown = try parseMarkdown(renderer.render(assessment, as: .markdown, comparison: comparison))
        let htmlTable = try #require(html.tables.first { $0.first?.contains("Change") == true })
        let markdownTable = try #require(markdown.tables.first { $0.first?.contains("Change") == true })
        #expect(markdownTable == htmlTable)
    }

    @Test("peers alone show percentiles without a trend; no comparison shows neither")
    func partsAppearOnlyWhenKnown() throws {
        let assessment = try assessExample("rosas-bakery.yaml")
        let renderer = try shippedRenderer()
        var peersOnly = Self.comparison(for: assessment)
        peersOnly.previous = nil
        let withPeers = try parseHTML(renderer.render(assessment, as: .html, comparison: peersOnly))
        #expect(withPeers.tables.contains { $0.first == ["Criterion", "Peer percentile"] })
        let plain = try parseHTML(renderer.render(assessment, as: .html))
        #expect(!plain.headings.contains { $0.text.contains("among peers") })
    }

    @Test("a report with a comparison is still valid HTML")
    func comparisonReportValidates() throws {
        let assessment = try assessExample("maya-fit.yaml")
        let html = try shippedRenderer().render(assessment, as: .html, comparison: Self.comparison(for: assessment))
        try withTemporaryDirectory { directory in
            try Data(html.utf8).write(to: directory.appendingPathComponent("compared.html"))
            let result = try validateHTML(in: directory)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        }
    }
}
