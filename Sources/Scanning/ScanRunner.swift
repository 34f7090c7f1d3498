import Fetching
import Foundation
import Logging
import Model
import Parsing
import Scheduling
import Storage
import Workflow

/// Runs one scan: claims the due sources, fetches them concurrently, judges their new items, and
/// stores everything source by source, each in its own transaction.
public struct ScanRunner: Sendable {
    public let sources: [Source]
    public let schedule: FetchSchedule
    public let analyzer: ItemAnalyzer
    public let logger: Logger
    /// How long after a case opens a new post by the same author joins it.
    public let caseJoinWindow: Duration
    /// How long before a source's first read an item may be published and still open a case;
    /// anything older is taken as history (see `HistoryWindow`).
    public let historyWindow: Duration
    /// How the scan claims its sources from other scanners of the same store.
    public let claiming: SourceClaiming

    public init(
        sources: [Source], schedule: FetchSchedule, analyzer: ItemAnalyzer, logger: Logger,
        caseJoinWindow: Duration = .seconds(72 * 3600), historyWindow: Duration = .seconds(48 * 3600),
        claiming: SourceClaiming = .soleScanner
    ) {
        self.sources = sources
        self.schedule = schedule
        self.analyzer = analyzer
        self.logger = logger
        self.caseJoinWindow = caseJoinWindow
        self.historyWindow = historyWindow
        self.claiming = claiming
    }

    /// Scans the sources that are due at `now` (all of them when `includesAll`) and that no other
    /// scanner has claimed or fetched meanwhile, then, when `takesUpHistory`, takes up everything
    /// kept as history: its cases are opened.
    ///
    /// - Parameters:
    ///   - fetcher: the polite fetcher all fetches go through.
    ///   - storage: the store, on its own thread.
    ///   - includesAll: fetch every source this scan finds unclaimed, due or not.
    ///   - takesUpHistory: a backfill (`earshot scan --backfill`): items taken as history, in
    ///     this scan or before, count as news and open the cases kept back.
    ///   - clock: the time now, asked at each fetch, so that tests can move it.
    ///   - progress: told after each source how many of the due sources are done.
    /// - Throws: a `StorageError` only when the store itself fails; a failing source is recorded in the report.
    public func scan(
        fetcher: PoliteFetcher,
        storage: StorageQueue,
        includesAll: Bool = false,
        takesUpHistory: Bool = false,
        clock: @escaping @Sendable () -> Date = Date.init,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) async throws -> ScanReport {
        let sources = self.sources
        try await storage.perform { try $0.register(sources) }
        let states = try await storage.perform { try $0.fetchStates() }
        let due = schedule.dueSources(sources, states: states, now: clock(), includesAll: includesAll)
        logger.info("scan started", metadata: ["due": "\(due.count)", "configured": "\(sources.count)"])

        var report = ScanReport()
        let holder = claiming.holder
        do {
            try await scan(due, read: states, includesAll: includesAll, fetcher: fetcher, storage: storage, clock: clock,
                           progress: progress, into: &report)
        } catch {
            // The claims of sources not written go back at once rather than when they expire.
            try? await storage.perform { try $0.releaseLeases(of: holder) }
            throw error
        }
        try await storage.perform { try $0.releaseLeases(of: holder) }
        if takesUpHistory {
            let joinWindow = TimeInterval(caseJoinWindow.components.seconds)
            let now = clock()
            let backfill = try await storage.perform {
                try $0.takeUpHistory(at: now, joinWindow: joinWindow, joining: CaseJoin.init(joining:to:))
            }
            report.backfill = backfill
            logger.info("history taken up", metadata: [
                "items": "\(backfill.takenUpFromHistory)", "opened_cases": "\(backfill.openedCases.count)",
                "joined_cases": "\(backfill.joinedCases.count)",
            ])
        }
        logger.info("scan finished", metadata: [
            "fetched": "\(report.fetchedCount)", "not_modified": "\(report.notModifiedCount)",
            "failed": "\(report.failures.count)", "new_items": "\(report.written.newItems)",
            "new_findings": "\(report.written.newFindings)", "new_cases": "\(report.written.openedCases.count)",
            "taken_as_history": "\(report.written.takenAsHistory)",
            "left_to_other_scanners": "\(report.leftToOtherScanners)",
        ])
        return report
    }

    /// Claims the due sources host by host (see ``SourceClaiming``), fetches and stores each one
    /// claimed, and renews the claims while it works.
    private func scan(
        _ due: [Source], read states: [SourceID: FetchState], includesAll: Bool, fetcher: PoliteFetcher,
        storage: StorageQueue, clock: @escaping @Sendable () -> Date, progress: (@Sendable (Int, Int) -> Void)?,
        into report: inout ScanReport
    ) async throws {
        let (holder, lease, schedule) = (claiming.holder, claiming.lease, self.schedule)
        let hostsPerClaim = claiming.hostsPerClaim ?? Int.max
        let dueByID = Dictionary(due.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var waitingHosts = Self.groupedByHost(due)[...]
        // Claimed hosts none of whose sources has finished yet.
        var hostsNotYetAnswered: Set<String> = []
        var claimedStates: [SourceID: FetchState] = [:]
        var pending: ArraySlice<Source> = []
        var total = due.count

        try await withThrowingTaskGroup(of: SourceResult?.self) { group in
            group.addTask {
                await renewLeases(of: holder, lease: lease, storage: storage, clock: clock)
                return nil
            }
            /// Claims the due sources of the next hosts, and more hosts again while the claim found
            /// nothing left to take.
            func claimMoreHosts() async throws {
                while !waitingHosts.isEmpty, hostsNotYetAnswered.isEmpty {
                    let hosts = waitingHosts.prefix(hostsPerClaim)
                    waitingHosts = waitingHosts.dropFirst(hosts.count)
                    let wanted = hosts.flatMap { $0 }.map(\.id)
                    let now = clock()
                    // Due still, judged from the state stored now: not fetched by another scanner
                    // since this scan read the states, and (unless every source is wanted) due by the schedule.
                    let isStillDue: @Sendable (FetchState) -> Bool = { stored in
                        guard stored.lastFetchedAt == states[stored.sourceID]?.lastFetchedAt,
                              let source = dueByID[stored.sourceID] else { return false }
                        return includesAll || !schedule.dueSources([source], states: [source.id: stored], now: now).isEmpty
                    }
                    let claimed = try await storage.perform { store in
                        try store.claim(wanted, for: holder, until: now.addingTimeInterval(lease.timeInterval), at: now, where: isStillDue)
                    }
                    report.leftToOtherScanners += wanted.count - claimed.count
                    total -= wanted.count - claimed.count
                    let sources = claimed.compactMap { dueByID[$0.sourceID] }
                    for state in claimed { claimedStates[state.sourceID] = state }
                    hostsNotYetAnswered.formUnion(sources.map(Self.host(of:)))
                    pending += Self.interleavedByHost(sources)
                }
            }
            var inFlight = 0
            func startPending() {
                while inFlight < Self.maximumSourcesInFlight, let source = pending.popFirst() {
                    let state = claimedStates[source.id]
                    inFlight += 1
                    group.addTask {
                        do {
                            return try await scanOne(source, state: state, fetcher: fetcher, storage: storage, clock: clock)
                        } catch let error as StorageError {
                            // One source's trouble writing (a locked or full database) must not stop the
                            // others. Nothing of it was stored, so the next scan fetches it again.
                            logger.error("cannot store a source", metadata: ["source": "\(source.id)", "error": "\(error.description)"])
                            return SourceResult(source: source, outcome: .failed(reason: "storage error: \(error.description)"))
                        }
                    }
                }
            }
            try await claimMoreHosts()
            startPending()
            if inFlight == 0 { group.cancelAll() }
            while let finished = try await group.next() {
                guard let result = finished else { continue }
                inFlight -= 1
                if let outcome = result.outcome {
                    report.outcomes.append((result.source, outcome))
                } else {
                    report.leftToOtherScanners += 1
                    total -= 1
                }
                report.written += result.written
                if let moved = result.movedTo { report.permanentMoves.append((result.source, moved)) }
                progress?(report.outcomes.count, total)
                // The next hosts are claimed once every host held has answered once: a scan that
                // keeps up soon holds every due host; one that falls behind leaves the rest to others.
                hostsNotYetAnswered.remove(Self.host(of: result.source))
                try await claimMoreHosts()
                startPending()
                // The renewal runs until the last source is written.
                if inFlight == 0 { group.cancelAll() }
            }
        }
    }

    /// Renews the scan's leases every third of `lease`, until the scan cancels it.
    private func renewLeases(
        of holder: String, lease: Duration, storage: StorageQueue, clock: @escaping @Sendable () -> Date
    ) async {
        while true {
            do {
                try await Task.sleep(for: lease / 3)
            } catch {
                return
            }
            do {
                _ = try await storage.perform { try $0.renewLeases(of: holder, until: clock().addingTimeInterval(lease.timeInterval)) }
            } catch {
                logger.warning("cannot renew the leases on sources", metadata: ["error": "\(error)"])
            }
        }
    }

    /// How one source's scan ended.
    private struct SourceResult: Sendable {
        var source: Source
        /// Nil when the scan's lease had expired and another scanner had claimed the source.
        var outcome: ScanReport.SourceOutcome?
        var written = RecordSummary()
        var movedTo: URL?
    }

    /// Sources in flight at once in one scan.
    static let maximumSourcesInFlight = 4096

    /// The host a source is fetched from, which politeness spaces requests to.
    static func host(of source: Source) -> String {
        source.url.host ?? source.url.scheme ?? ""
    }

    /// The due sources of each host, hosts in the order of their first due source.
    static func groupedByHost(_ sources: [Source]) -> [[Source]] {
        var groups: [String: [Source]] = [:]
        var hosts: [String] = []
        for source in sources {
            let host = host(of: source)
            if groups[host] == nil { hosts.append(host) }
            groups[host, default: []].append(source)
        }
        return hosts.map { groups[$0]! }
    }

    /// `sources` reordered so that consecutive ones are on different hosts, keeping each host's own order:
    /// the first source of every host, then the second of every host, and so on.
    static func interleavedByHost(_ sources: [Source]) -> [Source] {
        let queues = groupedByHost(sources)
        var result: [Source] = []
        result.reserveCapacity(sources.count)
        var round = 0
        while result.count < sources.count {
            for queue in queues where round < queue.count {
                result.append(queue[round])
            }
            round += 1
        }
        return result
    }

    private func scanOne(
        _ source: Source,
        state previous: FetchState?,
        fetcher: PoliteFetcher,
        storage: StorageQueue,
        clock: @escaping @Sendable () -> Date
    ) async throws -> SourceResult {
        // The lease is renewed as the source's turn comes; one that expired while the scan was busy
        // and that another scanner took since is left to that scanner.
        let (holder, lease) = (claiming.holder, claiming.lease)
        guard try await storage.perform({ try $0.renewLease(on: source.id, of: holder, until: clock().addingTimeInterval(lease.timeInterval)) }) else {
            logger.notice("left to another scanner: the lease had expired", metadata: ["source": "\(source.id)"])
            return SourceResult(source: source, outcome: nil)
        }
        var state = previous ?? FetchState(sourceID: source.id, currentURL: source.url)
        var movedTo: URL?
        let request = FetchRequest(url: state.currentURL, entityTag: state.entityTag, lastModified: state.lastModified)
        let fetchedAt = clock()
        state.lastFetchedAt = fetchedAt

        let response: FetchResponse
        do {
            let outcome = try await fetcher.fetch(request)
            response = outcome.response
            // The new address is adopted only when it answers (below): a permanent redirect to a
            // page that fails must not replace an address that worked.
            movedTo = outcome.permanentRedirect
        } catch {
            return try await fail(source, state: state, reason: error.description, storage: storage)
        }
        let serverHints = ScheduleHints(minimumInterval: response.maximumAge)
        let answered = response.isNotModified || (200..<300).contains(response.statusCode)
        if let moved = movedTo, answered {
            logger.notice("source moved permanently", metadata: ["source": "\(source.id)", "to": "\(AddressRedaction.redacted(moved))"])
            state.currentURL = moved
        } else {
            movedTo = nil
        }
        if response.isNotModified {
            state.consecutiveErrors = 0
            state.lastError = nil
            state.nextDueAt = schedule.nextDue(
                for: source, fetchedAt: fetchedAt, consecutiveErrors: 0, lastChangedAt: state.lastChangedAt,
                hints: state.scheduleHints.merged(with: serverHints))
            let saved = state
            try await storage.perform { try $0.save(saved) }
            logger.debug("not modified", metadata: ["source": "\(source.id)"])
            return SourceResult(source: source, outcome: .notModified, movedTo: movedTo)
        }
        guard (200..<300).contains(response.statusCode) else {
            return try await fail(source, state: state, reason: "HTTP status \(response.statusCode)", storage: storage)
        }

        let parsed: [Item]
        do {
            (parsed, state.scheduleHints) = try parse(response, as: source)
        } catch {
            return try await fail(source, state: state, reason: "cannot parse: \(error.description)", storage: storage)
        }
        state.entityTag = response.entityTag
        state.lastModified = response.lastModified
        state.consecutiveErrors = 0
        state.lastError = nil
        let firstReadAt = state.firstReadAt ?? fetchedAt
        state.firstReadAt = firstReadAt

        let sourceID = source.id
        let (items, toJudge) = try await storage.perform { store in
            let items = try store.scopingFeedLocalIDs(parsed, from: sourceID)
            return (items, try store.itemsToJudge(items))
        }
        let keysToJudge = Set(toJudge.map(\.key))
        if !toJudge.isEmpty || state.lastChangedAt == nil { state.lastChangedAt = fetchedAt }
        state.nextDueAt = schedule.nextDue(
            for: source, fetchedAt: fetchedAt, consecutiveErrors: 0, lastChangedAt: state.lastChangedAt,
            hints: state.scheduleHints.merged(with: serverHints))
        let analyzer = self.analyzer
        let history = HistoryWindow(length: historyWindow)
        let observations = items.map { item in
            guard keysToJudge.contains(item.key) else { return SourceScanRecord.Observation(item: item) }
            var observation = analyzer.observe(item, in: source, discoveredAt: fetchedAt)
            observation.isHistory = history.isHistory(publishedAt: item.published, sourceFirstReadAt: firstReadAt)
            return observation
        }
        let record = SourceScanRecord(state: state, observations: observations)
        let joinWindow = TimeInterval(caseJoinWindow.components.seconds)
        let written = try await storage.perform { try $0.record(record, joinWindow: joinWindow, joining: CaseJoin.init(joining:to:)) }
        logger.debug("fetched", metadata: [
            "source": "\(source.id)", "items": "\(items.count)", "new_items": "\(written.newItems)",
            "new_findings": "\(written.newFindings)",
        ])
        return SourceResult(source: source, outcome: .fetched(itemCount: items.count), written: written, movedTo: movedTo)
    }

    /// The items of a fetched document and what it says about how often to come back.
    private func parse(_ response: FetchResponse, as source: Source) throws(ParseError) -> ([Item], ScheduleHints) {
        switch source.kind {
        case .feed:
            let feed = try FeedParser().parse(response.body, baseURL: response.finalURL, contentType: response.contentType)
            if feed.isIllFormed {
                logger.notice("ill-formed feed recovered", metadata: [
                    "source": "\(source.id)", "problems": "\(feed.problems.prefix(3).joined(separator: "; "))",
                ])
            }
            return (feed.items, feed.scheduleHints)
        case .page:
            return (PageParser().parse(response.body, baseURL: response.finalURL, contentType: response.contentType).blocks, .none)
        }
    }

    private func fail(
        _ source: Source, state: FetchState, reason: String, storage: StorageQueue
    ) async throws -> SourceResult {
        var state = state
        state.consecutiveErrors += 1
        state.lastError = reason
        state.nextDueAt = schedule.nextDue(for: source, fetchedAt: state.lastFetchedAt ?? Date(),
                                           consecutiveErrors: state.consecutiveErrors, hints: state.scheduleHints)
        let saved = state
        try await storage.perform { try $0.save(saved) }
        logger.warning("source failed", metadata: ["source": "\(source.id)", "reason": "\(reason)"])
        return SourceResult(source: source, outcome: .failed(reason: reason))
    }
}

extension Duration {
    /// The duration in seconds, for dates.
    var timeInterval: TimeInterval {
        TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }
}
