import Foundation
import Model
@testable import Storage
import TestSupport
import Testing
import Workflow

/// A trust's schools in one store: a finding and a case per school a post names, and every
/// question asked of one school answered from its own posts and cases only.
@Suite struct SchoolScopeStorageTests {
    let board = Source(url: URL(string: "https://board.example/schools.rss")!, kind: .feed, title: "Parents board")
    let now = Date(timeIntervalSince1970: 1_795_600_800)
    let kingsmead = SchoolID(rawValue: "kingsmead")
    let oakfield = SchoolID(rawValue: "oakfield")

    func triage(_ concern: Concern, thread: String? = nil, author: String? = nil) -> CaseTriage {
        CaseTriage(primaryConcern: concern, concerns: [concern], owner: concern == .safeguarding ? .designatedSafeguardingLead : .communications,
                   clockStartedAt: now, dueAt: now.addingTimeInterval(3600), needsApproval: false, shouldAlertAtOnce: concern == .safeguarding,
                   wasOverdueWhenFound: false, threadKey: thread, authorKey: author)
    }

    /// A post naming `schools`, each with a case of `concern`.
    func observation(_ key: String, naming schools: [SchoolID], _ concern: Concern, thread: String? = nil,
                     isHistory: Bool = false) -> SourceScanRecord.Observation {
        let item = Item(key: ItemKey(rawValue: "guid:\(key)"), title: key, link: URL(string: "https://board.example/\(key)"), text: "Post \(key)")
        let finding = Finding(item: item, source: board.id, discoveredAt: now, mentions: [], sentiment: .neutral,
                              concerns: [ConcernAssessment(concern: concern, confidence: 0.9, evidence: [])])
        return .init(item: item, finding: finding,
                     schools: schools.map { .init(school: $0, mentions: [], triage: triage(concern, thread: thread)) }, isHistory: isHistory)
    }

    func write(_ store: Store, _ observations: [SourceScanRecord.Observation]) throws -> RecordSummary {
        try store.record(SourceScanRecord(state: FetchState(sourceID: board.id, currentURL: board.url, lastFetchedAt: now),
                                          observations: observations), joining: CaseJoin.init(joining:to:))
    }

    @Test(arguments: StoreKind.available) func aPostNamingTwoSchoolsOpensACaseAtEach(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register([board])
            let written = try write(store, [observation("bus", naming: [kingsmead, oakfield], .complaint),
                                            observation("gates", naming: [oakfield], .safeguarding)])
            #expect(written.newFindings == 2 && written.openedCases.count == 3)
            let kingsmeadCases = try store.openCases(school: kingsmead)
            let oakfieldCases = try store.openCases(school: oakfield)
            #expect(kingsmeadCases.map(\.title) == ["bus"] && kingsmeadCases.allSatisfy { $0.school == kingsmead })
            #expect(Set(oakfieldCases.map(\.title)) == ["bus", "gates"])
            #expect(try store.openCases().count == 3)
            // Another school's case is not found at all when asked for as a school.
            let gates = try #require(oakfieldCases.first { $0.title == "gates" })
            #expect(try store.caseSummary(gates.id, school: kingsmead) == nil)
            #expect(try store.caseRecord(gates.id, school: kingsmead) == nil)
            #expect(try store.caseRecord(gates.id, school: oakfield)?.summary.id == gates.id)
            // Each school's findings and history are its own.
            let day = (now.addingTimeInterval(-3600), now.addingTimeInterval(3600))
            #expect(try store.findings(discoveredFrom: day.0, to: day.1, school: kingsmead).map(\.title) == ["bus"])
            #expect(try store.findings(discoveredFrom: day.0, to: day.1, school: oakfield).count == 2)
            #expect(try store.findings(discoveredFrom: day.0, to: day.1).count == 2)
            #expect(try store.history(since: day.0, school: kingsmead).responses.count == 1)
            #expect(try store.searchFindings("gates", school: kingsmead).isEmpty)
            #expect(try store.searchFindings("gates", school: oakfield).count == 1)
            // Writing the same record again adds nothing.
            let again = try write(store, [observation("bus", naming: [kingsmead, oakfield], .complaint)])
            #expect(again.newItems == 0 && again.openedCases.isEmpty)
        }
    }

    @Test(arguments: StoreKind.available) func aThreadJoinsItsCaseWithinEachSchoolOnly(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register([board])
            let first = try write(store, [observation("a", naming: [kingsmead], .complaint, thread: "t1")])
            let second = try write(store, [observation("b", naming: [kingsmead, oakfield], .complaint, thread: "t1")])
            #expect(second.joinedCases == first.openedCases, "Kingsmead's case takes the reply")
            #expect(second.openedCases.count == 1, "Oakfield's first post in the thread opens its own case")
            #expect(try store.openCases(school: oakfield).first?.title == "b")
        }
    }

    @Test(arguments: StoreKind.available) func historyKeepsEachSchoolsCaseBackUntilTheBackfill(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register([board])
            let written = try write(store, [observation("old", naming: [kingsmead, oakfield], .complaint, isHistory: true)])
            #expect(written.takenAsHistory == 1 && written.casesHeldBack == 2 && written.openedCases.isEmpty)
            let day = (now.addingTimeInterval(-3600), now.addingTimeInterval(3600))
            #expect(try store.takenAsHistory(discoveredFrom: day.0, to: day.1, school: kingsmead).casesHeldBack == 1)
            #expect(try store.takenAsHistory(discoveredFrom: day.0, to: day.1).casesHeldBack == 2)
            let backfill = try store.takeUpHistory(at: now, joining: CaseJoin.init(joining:to:))
            #expect(backfill.takenUpFromHistory == 1 && backfill.openedCases.count == 2)
            #expect(try store.openCases(school: kingsmead).count == 1 && (try store.openCases(school: oakfield)).count == 1)
            #expect(try store.takeUpHistory(at: now, joining: CaseJoin.init(joining:to:)).openedCases.isEmpty)
        }
    }

    @Test(arguments: StoreKind.available) func anAlertIsClaimedByOneSenderAtATime(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let first = try Store(location: location)
            let second = try Store(location: location)
            try first.register([board])
            let caseID = try #require(try write(first, [observation("gates", naming: [oakfield], .safeguarding)]).openedCases.first)
            #expect(try first.claimAlert(caseID, for: "a", until: now.addingTimeInterval(600), at: now))
            #expect(try !second.claimAlert(caseID, for: "b", until: now.addingTimeInterval(600), at: now), "held by the first")
            #expect(try second.claimAlert(caseID, for: "b", until: now.addingTimeInterval(1300), at: now.addingTimeInterval(700)),
                    "a claim lapses at its expiry")
            try second.noteAlert(caseID, at: now.addingTimeInterval(701), error: nil)
            #expect(try !first.claimAlert(caseID, for: "a", until: now.addingTimeInterval(3000), at: now.addingTimeInterval(2000)),
                    "a sent alert is never claimed again")
            #expect(try first.casesAwaitingAlert().isEmpty)
        }
    }

    @Test(arguments: StoreKind.available) func anAccountKeepsItsSchool(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.saveUser(.init(name: "office", role: "communications", passwordHash: "x", createdAt: now, school: kingsmead))
            try store.saveUser(.init(name: "ceo", role: "slt", passwordHash: "x", createdAt: now))
            #expect(try store.user(named: "office")?.school == kingsmead)
            #expect(try store.user(named: "ceo")?.school == nil)
        }
    }

    @Test func aSingleSchoolsDatabaseKeepsItsCasesDraftsAndTrailWhenItLearnsOfSchools() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("e.sqlite").path
            let schoolsVersion = try #require(Schema.migrations.firstIndex { $0.sqlite.contains("item_schools") })
            do {
                let old = try SQLiteConnection(path: path)
                for migration in Schema.migrations[..<schoolsVersion] { try old.execute(script: migration.sqlite) }
                try old.execute(script: """
                    PRAGMA user_version = \(schoolsVersion);
                    INSERT INTO sources (id, current_url, kind, title) VALUES ('s', 'https://s.example/rss', 'feed', 'S');
                    INSERT INTO items (key, title, text, first_source_id, discovered_at, is_mention, mentions_json, is_history,
                        withheld_triage_json) VALUES
                        ('id:1', 'One', 'Post', 's', 1795000000, 1, '[]', 0, NULL),
                        ('id:2', 'Two', 'Old post', 's', 1795000000, 1, '[]', 1, '{"held":true}');
                    INSERT INTO cases (id, item_key, primary_concern, concerns, owner, status, opened_at, clock_started_at, due_at,
                        needs_approval, alert_at_once, overdue_when_found, updated_at, thread_key)
                        VALUES (7, 'id:1', 'complaint', 'complaint', 'communications', 'new', 1795000000, 1795000000, 1795086400,
                        0, 0, 0, 1795000000, 't');
                    INSERT INTO case_findings (case_id, item_key, joined_at) VALUES (7, 'id:1', 1795000000);
                    INSERT INTO drafts (case_id, audience, text, author, created_at, problems_json) VALUES (7, 'public', 'Hello', 'jo', 1795000100, '[]');
                    INSERT INTO audit_log (case_id, at, actor, action, to_status) VALUES (7, 1795000000, 'earshot', 'open', 'new');
                    INSERT INTO alerts (case_id, attempts) VALUES (7, 1);
                    """)
            }
            let store = try Store(path: path)
            let record = try #require(try store.caseRecord(CaseID(rawValue: 7), school: .sole))
            #expect(record.summary.school == .sole && record.drafts.count == 1 && record.audit.count == 1)
            #expect(try store.integrityProblems().isEmpty)
            #expect(try store.connection.query("PRAGMA foreign_key_check").isEmpty)
            let held = try store.connection.query("SELECT withheld_triage_json FROM item_schools WHERE item_key = 'id:2' AND school_id = 'school'")
            #expect(held.first?["withheld_triage_json"].text == "{\"held\":true}", "the case kept back moves beside its school")
            #expect(try store.connection.query("PRAGMA foreign_keys").first?["foreign_keys"].integer == 1, "foreign keys are on again")
        }
    }
}
