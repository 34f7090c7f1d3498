import Foundation
import Model
@testable import Storage
import TestSupport
import Testing
import Workflow

@Suite struct StoreTests {
    let gazette = Source(url: URL(string: "https://gazette.example/rss")!, kind: .feed, title: "Gazette")
    let alerts = Source(url: URL(string: "https://alerts.example/feed")!, kind: .feed, title: "Alerts")
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func item(_ key: String, link: String? = nil) -> Item {
        Item(key: ItemKey(rawValue: key), title: "Title \(key)", link: link.flatMap(URL.init(string:)), text: "Text of \(key)")
    }

    func finding(for item: Item, in source: Source) -> Finding {
        Finding(
            item: item, source: source.id, discoveredAt: now,
            mentions: [Mention(matchedText: "Millbrook Academy", term: "Millbrook Academy", rule: .name, start: 0, end: 17)],
            sentiment: SentimentScore(compound: -0.6, drivers: ["appalling"]),
            concerns: [ConcernAssessment(concern: .complaint, confidence: 0.8, evidence: ["appalling"])]
        )
    }

    func triage() -> CaseTriage {
        CaseTriage(
            primaryConcern: .complaint, concerns: [.complaint], owner: .communications, clockStartedAt: now,
            dueAt: now.addingTimeInterval(86_400), needsApproval: false, shouldAlertAtOnce: false, wasOverdueWhenFound: false
        )
    }

    func record(_ items: [Item], from source: Source) -> SourceScanRecord {
        SourceScanRecord(
            state: FetchState(sourceID: source.id, currentURL: source.url, lastFetchedAt: now),
            observations: items.map { .init(item: $0, finding: finding(for: $0, in: source), triage: triage()) }
        )
    }

    @Test(arguments: StoreKind.available) func aFeedLocalIdIsScopedToItsSourceUnlessThatSourceStoredItUnscopedBefore(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register([gazette, alerts])
            // Stored before ids were scoped: the gazette's post "1" under its bare key.
            try store.record(record([item("id:1")], from: gazette), joining: CaseJoin.init(joining:to:))
            let fromGazette = try store.scopingFeedLocalIDs([item("id:1"), item("id:https://gazette.example/2")], from: gazette.id)
            #expect(fromGazette.map(\.key.rawValue) == ["id:1", "id:https://gazette.example/2"])
            let fromAlerts = try store.scopingFeedLocalIDs([item("id:1")], from: alerts.id)
            #expect(fromAlerts.map(\.key.rawValue) == ["id:https://alerts.example/feed 1"])
            #expect(try store.itemsToJudge(fromGazette).map(\.key.rawValue) == ["id:https://gazette.example/2"])
            #expect(try store.itemsToJudge(fromAlerts).count == 1)
        }
    }

    @Test(arguments: StoreKind.available) func severalStoresOpeningANewDatabaseAtOnceMigrateItOnce(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let opened = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        do { _ = try Store(location: location); return true } catch { Issue.record("open failed: \(error)"); return false }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(opened == Array(repeating: true, count: 6))
            let store = try Store(location: location)
            #expect(try store.integrityProblems().isEmpty)
            #expect(try store.connection.schemaVersion() == Schema.migrations.count)
        }
    }

    @Test func createsTheFileReadableByItsOwnerOnly() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("nested/earshot.sqlite").path
            _ = try Store(path: path)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
        }
    }

    @Test(arguments: StoreKind.available) func anItemsTitleAndTextAreStoredWithinTheLimits(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register([gazette])
            let title = "Millbrook " + String(repeating: "spam ", count: 1 << 20)
            let text = "Opening words. " + String(repeating: "filler ", count: TextLimits.storedText) + "hiddenword"
            let huge = Item(key: ItemKey(rawValue: "id:huge"), title: title, text: text)
            try store.record(record([huge], from: gazette), joining: CaseJoin.init(joining:to:))
            let found = try store.findings(discoveredFrom: now.addingTimeInterval(-60), to: now.addingTimeInterval(60))
            #expect(found.count == 1)
            #expect(found.first?.title.unicodeScalars.count == TextLimits.title)
            #expect(found.first.map { $0.snippet.unicodeScalars.count <= TextLimits.snippet } == true)
            #expect(try store.searchFindings("Opening").count == 1)
            #expect(try store.searchFindings("hiddenword").isEmpty, "text past the stored limit is not kept")
            #expect(try store.openCases().first?.title.unicodeScalars.count == TextLimits.title)
        }
    }

    @Test(arguments: StoreKind.available) func recordingTheSameScanTwiceAddsNothingTheSecondTime(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register([gazette])
            let scan = record([item("id:1"), item("id:2")], from: gazette)
            let first = try store.record(scan, joining: CaseJoin.init(joining:to:))
            let second = try store.record(scan, joining: CaseJoin.init(joining:to:))
            #expect(first.newItems == 2 && first.openedCases.count == 2)
            #expect(second.newItems == 0 && second.openedCases.isEmpty)
            let counts = try store.counts()
            #expect(counts.items == 2 && counts.cases == 2 && counts.sightings == 2)
        }
    }

    @Test(arguments: StoreKind.available) func theSameStoryInTwoFeedsIsOneFindingWithTwoSources(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register([gazette, alerts])
            let link = "https://gazette.example/news/results-day"
            try store.record(record([item("id:gazette-77", link: link)], from: gazette), joining: CaseJoin.init(joining:to:))
            let summary = try store.record(record([item("id:alert-9", link: link)], from: alerts), joining: CaseJoin.init(joining:to:))
            #expect(summary.newItems == 0 && summary.repeatSightings == 1)
            let findings = try store.findings(discoveredFrom: now.addingTimeInterval(-60), to: now.addingTimeInterval(60))
            #expect(findings.count == 1)
            #expect(Set(findings[0].sourceTitles) == ["Gazette", "Alerts"])
            #expect(findings[0].concerns.first?.concern == .complaint)
        }
    }

    @Test(arguments: StoreKind.available) func itemsKnownByKeyOrLinkAreNotJudgedAgain(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register([gazette])
            try store.record(record([item("id:1", link: "https://gazette.example/a")], from: gazette), joining: CaseJoin.init(joining:to:))
            let candidates = [item("id:1"), item("id:other", link: "https://gazette.example/a"), item("id:3")]
            #expect(try store.itemsToJudge(candidates).map(\.key.rawValue) == ["id:3"])
        }
    }

    @Test(arguments: StoreKind.available) func openingACaseWritesTheAuditTrailWhichCannotBeRewritten(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register([gazette])
            let summary = try store.record(record([item("id:1")], from: gazette), joining: CaseJoin.init(joining:to:))
            let caseID = try #require(summary.openedCases.first)
            let trail = try store.auditTrail(for: caseID)
            #expect(trail.map(\.action) == ["open"])
            #expect(trail.first?.to == .new)
            let cases = try store.openCases()
            #expect(cases.map(\.id) == [caseID])
            #expect(cases.first?.owner == .communications)
            #expect(try store.integrityProblems().isEmpty)
            #expect(throws: StorageError.self) { try store.connection.query("UPDATE audit_log SET actor = 'someone else'") }
            #expect(throws: StorageError.self) { try store.connection.query("DELETE FROM audit_log") }
            #expect(try store.auditTrail(for: caseID).map(\.actor) == [Store.systemActor])
        }
    }

    @Test(arguments: StoreKind.available) func fetchStateRoundTrips(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register([gazette])
            var state = FetchState(sourceID: gazette.id, currentURL: gazette.url, entityTag: "\"abc\"",
                                   lastModified: "Tue, 17 Nov 2026 08:00:00 GMT", lastFetchedAt: now,
                                   nextDueAt: now.addingTimeInterval(900), consecutiveErrors: 2, lastError: "timed out",
                                   scheduleHints: ScheduleHints(minimumInterval: .seconds(3600), skipHours: [1, 2], skipDays: [1]))
            try store.save(state)
            #expect(try store.fetchStates()[gazette.id] == state)
            state.consecutiveErrors = 0
            state.lastError = nil
            try store.save(state)
            #expect(try store.fetchStates()[gazette.id]?.isHealthy == true)
        }
    }
}

@Suite struct PageBlockStorageTests {
    @Test(arguments: StoreKind.available) func blocksOfOnePageSharingItsLinkAreStoredSeparately(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            let page = Source(url: URL(string: "https://forum.example/thread/1")!, kind: .page, title: "Thread")
            try store.register([page])
            let blocks = ["First post", "Second post"].map {
                Item(key: ItemKey(rawValue: "hash:\($0.hashValue)"), title: $0, link: page.url, text: $0)
            }
            let summary = try store.record(SourceScanRecord(
                state: FetchState(sourceID: page.id, currentURL: page.url), observations: blocks.map { .init(item: $0) }), joining: CaseJoin.init(joining:to:))
            #expect(summary.newItems == 2)
        }
    }
}
