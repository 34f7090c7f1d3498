import Foundation
import Model
import Storage
import TestSupport
import Testing
import Workflow

/// Several processes writing scans into one store at once (scanners sharing PostgreSQL, or a scan
/// beside the workspace on SQLite) end where one writer alone would: each post stored once, and
/// each conversation one case, whichever post of it was written first.
@Suite struct ConcurrentWriterTests {
    let now = Date(timeIntervalSince1970: 1_795_600_800)
    let sources = (1...4).map { Source(url: URL(string: "https://forum\($0).example/feed")!, kind: .feed, title: "Forum \($0)") }

    /// Twelve scans, three per source: each holds one post in each of five conversations, and the
    /// story every source carries (the same link under each source's own key).
    func scans() -> [SourceScanRecord] {
        sources.enumerated().flatMap { sourceIndex, source in
            (0..<3).map { round in
                let posts = (0..<5).map { thread in
                    observation("post-\(sourceIndex)-\(round)-\(thread)", thread: "thread:\(thread)", from: source)
                }
                let story = observation("story-\(sourceIndex)", thread: nil, link: "https://news.example/the-story", from: source)
                return SourceScanRecord(state: FetchState(sourceID: source.id, currentURL: source.url, lastFetchedAt: now),
                                        observations: posts + [story])
            }
        }
    }

    func observation(_ key: String, thread: String?, link: String? = nil, from source: Source) -> SourceScanRecord.Observation {
        let item = Item(key: ItemKey(rawValue: "id:\(key)"), title: key, link: link.flatMap(URL.init(string:)), text: "About Millbrook Academy")
        let finding = Finding(item: item, source: source.id, discoveredAt: now, mentions: [], sentiment: .neutral,
                              concerns: [ConcernAssessment(concern: .complaint, confidence: 0.9, evidence: [])])
        let triage = CaseTriage(primaryConcern: .complaint, concerns: [.complaint], owner: .communications, clockStartedAt: now,
                                dueAt: now.addingTimeInterval(86_400), needsApproval: false, shouldAlertAtOnce: false,
                                wasOverdueWhenFound: false, threadKey: thread, authorKey: nil)
        return .init(item: item, finding: finding, triage: triage)
    }

    @Test(arguments: StoreKind.available) func scansWrittenAtOnceEndAsOneWriterWouldLeaveThem(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            try Store(location: location).register(sources)
            let scans = scans()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<3 {
                    let storage = StorageQueue(store: try Store(location: location))
                    group.addTask {
                        for scan in scans.enumerated().filter({ $0.offset % 3 == writer }).map(\.element) {
                            _ = try await storage.perform { try $0.record(scan, joining: CaseJoin.init(joining:to:)) }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let store = try Store(location: location)
            let counts = try store.counts()
            // 60 posts and one story; the story seen by four sources.
            #expect(counts.items == 61 && counts.sightings == 64)
            let cases = try store.allCases()
            #expect(cases.count == 6, "one case per conversation, and one for the story")
            let sizes = try cases.map { try #require(try store.caseRecord($0.id)).findings.count }.sorted()
            #expect(sizes == [1, 12, 12, 12, 12, 12])
        }
    }
}
