@testable import Assessment
import Foundation
import Testing
import TestSupport

@Suite("Number text")
struct NumberTextTests {
    /// What `NumberText.format` gave before it wrote small numbers digit by digit.
    static func shortestDecimal(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }

    @Test("numbers are written as the shortest decimal that reads back as the rounded double")
    func sameAsShortestDecimal() {
        var generator = TestSupport.SplitMix64(seed: 11)
        let edges: [Double] = [0, -0.0, 0.005, -0.005, 0.015, 1.005, 2.675, 999_999_999.994, 999_999_999.995, -1e9, 1e15, 1e-300]
        var values = edges + [.infinity, .nan]
        for step in -20_000...20_000 {
            let number = Double(step)
            values += [number / 100, number / 1000, number * 0.37]
        }
        for _ in 0..<50_000 {
            // Magnitudes from 1e-6 to 1e12, either sign; and hundredths up to the fast path's bound.
            let exponent = Double.random(in: -6...12, using: &generator)
            values.append((Bool.random(using: &generator) ? 1 : -1) * pow(10, exponent))
            values.append(Double(Int.random(in: -99_999_999_999...99_999_999_999, using: &generator)) / 100)
        }
        let wrong = values.filter { NumberText.format($0) != Self.shortestDecimal($0) }
        #expect(wrong.isEmpty, "\(wrong.prefix(5).map { "\($0): \(NumberText.format($0)) != \(Self.shortestDecimal($0))" })")
    }
}
