import Batch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A batch's progress on stderr: on a terminal one line redrawn in place (done/total, rate, time left, failures);
/// elsewhere nothing until the final summary line. Quiet silences both.
final class BatchProgressLine {
    private let enabled: Bool
    private let live: Bool
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant?
    private var shown = false

    init(enabled: Bool) {
        self.enabled = enabled
        live = enabled && isatty(2) == 1
        start = clock.now
    }

    func update(_ state: BatchProgress) {
        guard live else { return }
        let now = clock.now
        if let lastDrawn, now - lastDrawn < .milliseconds(100), state.done < state.total { return }
        lastDrawn = now
        let seconds = Self.seconds(now - start)
        let rate = seconds > 0 ? Double(state.done - state.skipped) / seconds : 0
        let left = rate > 0 ? Double(state.total - state.done) / rate : nil
        var parts = ["\(state.done)/\(state.total)", "\(Int(rate.rounded()))/s"]
        if let left { parts.append("\(Int(left.rounded(.up)))s left") }
        parts.append("\(state.failed) failed")
        StandardError.write("\r\u{1B}[K" + parts.joined(separator: "  "))
        shown = true
    }

    /// Takes the progress line off the screen (before a diagnostic is printed).
    func clear() {
        guard shown else { return }
        StandardError.write("\r\u{1B}[K")
        shown = false
    }

    func finish(_ summary: BatchSummary, index: String) {
        clear()
        guard enabled else { return }
        let seconds = Self.seconds(clock.now - start)
        let rate = seconds > 0 ? Double(summary.scored) / seconds : 0
        var line = "scored \(summary.scored) of \(summary.total)"
        if summary.skipped > 0 { line += ", \(summary.skipped) already done" }
        line += ", \(summary.failed) failed"
        if summary.notProcessed > 0 {
            let why = summary.stoppedBySignal.map { "stopped by signal \($0)" } ?? "stopped at the first failure"
            line += ", \(summary.notProcessed) not processed (\(why))"
        }
        line += " in \(String(format: "%.1f", seconds)) s (\(Int(rate.rounded()))/s); index: \(index)\n"
        StandardError.write(line)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
