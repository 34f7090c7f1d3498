import Foundation
import Model
@testable import Storage
import TestSupport
import Testing
import Workflow

/// Items taken as history are stored and counted, open no case, stay out of the day's news, and
/// are taken up once by a backfill.
@Suite struct HistoryStorageTests {
    let gazette = Source(url: URL(string: "https://gazette.example/rss")!, kind: .feed, title: "Gazette")
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func observation(_ id: String, isHistory: Bool, opensCase: Bool = true) -> SourceScanRecord.Observation {
        let item = Item(key: ItemKey(rawValue: "id:https://gazette.example/\(id)"), title: "Millbrook Academy \(id)",
                        link: URL(string: "https://gazette.example/\(id)"), published: now.addingTimeInterval(-20 * 86_400),
                        text: "Parents at Millbrook Academy complain about \(id).")
        let finding = Finding(
            item: item, source: gazette.id, discoveredAt: now,
            mentions: [Mention(matchedText: "Millbrook Academy", term: "Millbrook Academy", rule: .name, start: 0, end: 17)],
            sentiment: SentimentScore(compound: -0.5, drivers: []),
            concerns: [ConcernAssessment(concern: .complaint, confidence: 0.8, evidence: [])])
        let triage = CaseTriage(
            primaryConcern: .complaint, concerns: [.complaint], owner: .communications, clockStartedAt: item.published!,
            dueAt: item.published!.addingTimeInterval(86_400), needsApproval: false, shouldAlertAtOnce: false, wasOverdueWhenFound: true,
            threadKey: "thread:https://gazette.example/\(id)")
        return .init(item: item, finding: finding, triage: opensCase ? triage : nil, isHistory: isHistory)
    }

    func record(_ observations: [SourceScanRecord.Observation]) -> SourceScanRecord {
        SourceScanRecord(state: FetchState(sourceID: gazette.id, currentURL: gazette.url, lastFetchedAt: now, firstReadAt: now),
                         observations: observations)
    }

    @Test func historyIsStoredAndCountedButOpensNoCaseAndIsNotTheDaysNews() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store(path: directory.appendingPathComponent("e.sqlite").path)
            try store.register([gazette])
            let summary = try store.record(record([
                observation("old", isHistory: true), observation("old-praise", isHistory: true, opensCase: false),
                observation("new", isHistory: false),
            ]), joining: CaseJoin.init(joining:to:))
            #expect(summary.newItems == 3 && summary.newFindings == 3 && summary.openedCases.count == 1)
            #expect(summary.takenAsHistory == 2 && summary.casesHeldBack == 1)
            let day = (now.addingTimeInterval(-60), now.addingTimeInterval(60))
            #expect(try store.findings(discoveredFrom: day.0, to: day.1).map(\.title) == ["Millbrook Academy new"])
            #expect(try store.takenAsHistory(discoveredFrom: day.0, to: day.1) == (items: 2, mentions: 2, casesHeldBack: 1))
            #expect(try store.history(since: day.0).sentiment.count == 1)
            // Still searchable: history is kept, not hidden.
            #expect(try store.searchFindings("old").count == 2)
            #expect(try store.fetchStates()[gazette.id]?.firstReadAt == now)
        }
    }

    @Test func aBackfillOpensTheCasesKeptBackExactlyOnce() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store(path: directory.appendingPathComponent("e.sqlite").path)
            try store.register([gazette])
            try store.record(record([observation("old", isHistory: true), observation("old-praise", isHistory: true, opensCase: false)]),
                             joining: CaseJoin.init(joining:to:))
            #expect(try store.counts().cases == 0)
            let later = now.addingTimeInterval(3600)
            let backfill = try store.takeUpHistory(at: later, joining: CaseJoin.init(joining:to:))
            #expect(backfill.takenUpFromHistory == 2 && backfill.openedCases.count == 1)
            let opened = try #require(try store.caseSummary(backfill.openedCases[0]))
            #expect(opened.openedAt == later && opened.wasOverdueWhenFound)
            #expect(try store.auditTrail(for: opened.id).map(\.reason) == ["Complaint found; owner communications; taken up from history"])
            // Taken up, the mentions are the news of the day they were found.
            #expect(try store.findings(discoveredFrom: now.addingTimeInterval(-60), to: now.addingTimeInterval(60)).count == 2)
            #expect(try store.takeUpHistory(at: later, joining: CaseJoin.init(joining:to:)) == RecordSummary())
            // Recording the same scan again takes nothing as history a second time.
            let again = try store.record(record([observation("old", isHistory: true)]), joining: CaseJoin.init(joining:to:))
            #expect(again.takenAsHistory == 0 && again.newItems == 0)
            #expect(try store.counts().cases == 1)
        }
    }

    @Test func aDatabaseFromBeforeHistoryCountsEachSourceAsFirstReadWhenItsFirstItemWasSeen() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("e.sqlite").path
            let historyVersion = try #require(Schema.migrations.firstIndex { $0.sqlite.contains("first_read_at") })
            do {
                let old = try SQLiteConnection(path: path)
                for migration in Schema.migrations[..<historyVersion] { try old.execute(script: migration.sqlite) }
                try old.execute(script: """
                    PRAGMA user_version = \(historyVersion);
                    INSERT INTO sources (id, current_url, kind, title, last_changed_at) VALUES
                        ('read', 'https://read.example/rss', 'feed', 'Read', 1795000500),
                        ('empty', 'https://empty.example/rss', 'feed', 'Empty', 1795000900),
                        ('never', 'https://never.example/rss', 'feed', 'Never', NULL);
                    INSERT INTO items (key, title, text, first_source_id, discovered_at, is_mention)
                        VALUES ('id:1', 'One', '', 'read', 1795000000, 0);
                    INSERT INTO sightings (item_key, source_id, seen_at) VALUES ('id:1', 'read', 1795000000);
                    """)
            }
            let states = try Store(path: path).fetchStates()
            #expect(states[SourceID(rawValue: "read")]?.firstReadAt == Date(timeIntervalSince1970: 1_795_000_000))
            #expect(states[SourceID(rawValue: "empty")]?.firstReadAt == Date(timeIntervalSince1970: 1_795_000_900))
            #expect(states[SourceID(rawValue: "never")]?.firstReadAt == nil)
        }
    }

    @Test func aSourcesFirstReadIsKeptOnceSet() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store(path: directory.appendingPathComponent("e.sqlite").path)
            try store.register([gazette])
            try store.save(FetchState(sourceID: gazette.id, currentURL: gazette.url, firstReadAt: now))
            try store.save(FetchState(sourceID: gazette.id, currentURL: gazette.url, firstReadAt: now.addingTimeInterval(86_400)))
            try store.save(FetchState(sourceID: gazette.id, currentURL: gazette.url))
            #expect(try store.fetchStates()[gazette.id]?.firstReadAt == now)
        }
    }
}
