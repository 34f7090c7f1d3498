import Foundation
import Model
import Storage

/// What one scan did, for the command line, logs and exit codes.
public struct ScanReport: Sendable {
    /// How one source's fetch ended.
    public enum SourceOutcome: Sendable, Hashable {
        /// Fetched and parsed; `itemCount` items in the document.
        case fetched(itemCount: Int)
        /// The server said nothing changed (304): no parse, no write beyond bookkeeping.
        case notModified
        /// Fetching or parsing failed; the reason is stored on the source.
        case failed(reason: String)
    }

    /// Each fetched source with how it ended, in the order they finished.
    public var outcomes: [(source: Source, outcome: SourceOutcome)] = []
    /// What was written.
    public var written = RecordSummary()
    /// What a backfill took up from history after the sources were scanned; nil without one.
    public var backfill: RecordSummary?
    /// Sources that answered from a new address after a permanent redirect; the new address is stored.
    public var permanentMoves: [(source: Source, newURL: URL)] = []
    /// Due sources this scan left alone because another scanner sharing the store had claimed
    /// them, or had fetched them since this scan looked; always 0 for a store's only scanner.
    public var leftToOtherScanners = 0

    public init() {}

    public var fetchedCount: Int { outcomes.filter { if case .fetched = $0.outcome { true } else { false } }.count }
    public var notModifiedCount: Int { outcomes.filter { $0.outcome == .notModified }.count }
    /// Sources that failed, with their reasons.
    public var failures: [(source: Source, reason: String)] {
        outcomes.compactMap { if case .failed(let reason) = $0.outcome { ($0.source, reason) } else { nil } }
    }
}
