import Assessment
import Testing

@testable import History

@Suite struct ComparisonTests {
    @Test func theFirstAssessmentOfAClientHasNoPreviousOne() throws {
        let base = try assess()
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            try store.record(base)
            #expect(try store.comparison(for: base).previous == nil)
        }
    }

    @Test func theTrendComesFromTheClientsPreviousAssessmentBeforeThisOne() throws {
        let base = try assess()
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            let old = variant(of: base, id: "c", name: "C", sha: "1", assessedOn: "2024-05-01", scores: 40)
            let middle = variant(of: base, id: "c", name: "C", sha: "2", assessedOn: "2025-05-01", scores: 55)
            let latest = variant(of: base, id: "c", name: "C", sha: "3", assessedOn: "2026-05-01", scores: 70)
            try store.record([latest, old, middle])
            let comparison = try store.comparison(for: middle)
            let previous = try #require(comparison.previous)
            #expect(previous.date == "2024-05-01")
            #expect(previous.overall == 40)
            #expect(previous.scores.count == base.criteria.count)
            #expect(comparison.overallChange(of: middle) == 15)
            #expect(middle.criteria.allSatisfy { comparison.change(of: $0) == 15 })
            // Not recorded yet: compared with the latest on file.
            let next = variant(of: base, id: "c", name: "C", sha: "4", assessedOn: "2027-05-01", scores: 65)
            #expect(try store.comparison(for: next).overallChange(of: next) == -5)
        }
    }

    @Test func peersAreShownOnlyWhenTheIndustryHoldsFiveClientsAndTheSizeIsStated() throws {
        let base = try assess()
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            let me = variant(of: base, id: "me", name: "Me", industry: "Bakery", sha: "me", scores: 60)
            try store.record(me)
            try store.record(variant(of: base, id: "far", name: "Far", industry: "Dentistry", sha: "far", scores: 10))
            for (index, score) in [20.0, 60, 80].enumerated() {
                try store.record(variant(of: base, id: "p\(index)", name: "P\(index)", industry: " bakery ", sha: "p\(index)", scores: score))
            }
            #expect(try store.comparison(for: me).peers == nil, "four clients are not enough by default")
            #expect(try store.comparison(for: me, minimumPeers: 4).peers?.groupSize == 4)

            // A fifth bakery; its older assessment must not count, only its latest.
            try store.record(variant(of: base, id: "p3", name: "P3", industry: "BAKERY", sha: "old", assessedOn: "2020-01-01", scores: 10))
            try store.record(variant(of: base, id: "p3", name: "P3", industry: "BAKERY", sha: "new", assessedOn: "2030-01-01", scores: 90))
            let peers = try #require(try store.comparison(for: me).peers)
            #expect(peers.industry == "Bakery")
            #expect(peers.groupSize == 5)
            // Group scores 20, 60 (me), 60, 80, 90: three of five at or below 60.
            #expect(peers.percentiles.count == base.criteria.count)
            #expect(peers.percentiles.values.allSatisfy { $0 == 60 })
        }
    }

    @Test func aClientWithoutAnIndustryHasNoPeers() throws {
        let base = try assess()
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            for index in 0..<6 { try store.record(variant(of: base, name: "N\(index)", sha: "\(index)")) }
            #expect(try store.comparison(for: variant(of: base, name: "N0", sha: "0"), minimumPeers: 1).peers == nil)
        }
    }
}
