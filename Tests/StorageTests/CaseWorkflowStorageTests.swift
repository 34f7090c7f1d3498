import Foundation
import Model
import Storage
import TestSupport
import Testing
import Workflow

@Suite struct CaseWorkflowStorageTests {
    let forum = Source(url: URL(string: "https://forum.example/thread/1")!, kind: .page, title: "Forum thread")
    let now = Date(timeIntervalSince1970: 1_795_600_800)

    func triage(_ concern: Concern, owner: Role = .communications, due hours: Double = 24, thread: String? = "page:1",
                author: String? = nil, at start: Date? = nil, alert: Bool = false) -> CaseTriage {
        let start = start ?? now
        return CaseTriage(primaryConcern: concern, concerns: [concern], owner: owner, clockStartedAt: start,
                          dueAt: start.addingTimeInterval(hours * 3600), needsApproval: owner != .communications,
                          shouldAlertAtOnce: alert, wasOverdueWhenFound: false, threadKey: thread, authorKey: author)
    }

    func observation(_ key: String, _ triage: CaseTriage) -> SourceScanRecord.Observation {
        let item = Item(key: ItemKey(rawValue: "hash:\(key)"), title: key, link: forum.url, text: "Post \(key)")
        let finding = Finding(item: item, source: forum.id, discoveredAt: now, mentions: [], sentiment: .neutral,
                              concerns: [ConcernAssessment(concern: triage.primaryConcern, confidence: 0.9, evidence: [])])
        return .init(item: item, finding: finding, triage: triage)
    }

    func write(_ store: Store, _ observations: [SourceScanRecord.Observation], at date: Date? = nil) throws -> RecordSummary {
        try store.record(SourceScanRecord(
            state: FetchState(sourceID: forum.id, currentURL: forum.url, lastFetchedAt: date ?? now), observations: observations), joining: CaseJoin.init(joining:to:))
    }

    func store(at location: StoreLocation) throws -> Store {
        let store = try Store(location: location)
        try store.register([forum])
        return store
    }

    @Test(arguments: StoreKind.available) func postsInOneThreadJoinOneCaseWhichTakesTheMostSeriousConcernAndEarliestDueTime(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try store(at: location)
            let first = try write(store, [observation("a", triage(.complaint))])
            let second = try write(store, [observation("b", triage(.bullying, owner: .seniorLeadership, due: 4))])
            let caseID = try #require(first.openedCases.first)
            #expect(second.openedCases.isEmpty && second.joinedCases == [caseID])
            let record = try #require(try store.caseRecord(caseID))
            #expect(record.summary.primaryConcern == .bullying)
            #expect(record.summary.owner == .seniorLeadership)
            #expect(record.summary.dueAt == now.addingTimeInterval(4 * 3600))
            #expect(record.findings.map(\.title) == ["a", "b"])
            #expect(record.audit.map(\.action) == ["open", "join"])
        }
    }

    @Test(arguments: StoreKind.available) func anApprovalOfADraftThatIsNoLongerTheLatestIsAConflict(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try store(at: location)
            let caseID = try #require(try write(store, [observation("a", triage(.complaint))]).openedCases.first)
            let read = try store.addDraft(to: caseID, audience: "public", text: "Thank you", author: "jo", problems: [], at: now)
            let newer = try store.addDraft(to: caseID, audience: "public", text: "Thank you, call us", author: "sam", problems: [], at: now)
            let stale = #expect(throws: StorageError.self) {
                try store.transition(caseID, from: .new, to: .acknowledged, action: "approve", actor: "head", reason: nil, at: now,
                                     latestDraftID: read)
            }
            #expect(stale?.isConflict == true)
            #expect(try store.caseSummary(caseID)?.status == .new)
            try store.transition(caseID, from: .new, to: .acknowledged, action: "approve", actor: "head", reason: nil, at: now,
                                 latestDraftID: newer)
            #expect(try store.caseSummary(caseID)?.status == .acknowledged)
        }
    }

    @Test(arguments: StoreKind.available) func aNewPostInAClosedCasesThreadReopensIt(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try store(at: location)
            let caseID = try #require(try write(store, [observation("a", triage(.question))]).openedCases.first)
            try store.transition(caseID, from: .new, to: .acknowledged, action: "acknowledge", actor: "jo", reason: nil, at: now)
            // Acknowledged in time: the policy's limit is met, so the open case is no longer overdue.
            let acknowledged = try #require(try store.caseSummary(caseID))
            #expect(acknowledged.firstResponseAt == now && !acknowledged.isOverdue(at: now.addingTimeInterval(30 * 86_400)))
            try store.transition(caseID, from: .acknowledged, to: .responded, action: "markResponded", actor: "jo", reason: nil, at: now)
            try store.transition(caseID, from: .responded, to: .closed, action: "close", actor: "jo", reason: nil, at: now)
            let nextDay = now.addingTimeInterval(86_400)
            let later = try write(store, [observation("b", triage(.complaint, at: nextDay))], at: nextDay)
            #expect(later.reopenedCases == [caseID] && later.openedCases.isEmpty)
            let reopened = try #require(try store.caseSummary(caseID))
            #expect(reopened.status == .reopened)
            // The new post's own clock, not the finished case's old due time, which has passed.
            #expect(reopened.dueAt == nextDay.addingTimeInterval(24 * 3600))
            #expect(reopened.clockStartedAt == nextDay && !reopened.isOverdue(at: nextDay))
            // The old acknowledgement does not answer the new post.
            #expect(reopened.firstResponseAt == nil && reopened.isOverdue(at: nextDay.addingTimeInterval(25 * 3600)))
            // Nor does it count as answering the new post in the digest's response-time figures.
            let responses = try store.history(since: now.addingTimeInterval(-86_400)).responses
            #expect(responses.map(\.dueAt) == [reopened.dueAt] && responses.first?.firstResponseAt == nil)
        }
    }

    /// A post joining a case adds its concerns to the case's list: an allegation among praise on one
    /// page does not read as praise.
    @Test(arguments: StoreKind.available) func aJoinedCaseListsTheConcernsOfEveryPost(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try store(at: location)
            let caseID = try #require(try write(store, [observation("a", triage(.praise))]).openedCases.first)
            _ = try write(store, [observation("b", triage(.defamation, owner: .seniorLeadership))])
            _ = try write(store, [observation("c", triage(.question))])
            let joined = try #require(try store.caseSummary(caseID))
            #expect(joined.primaryConcern == .defamation && joined.owner == .seniorLeadership)
            #expect(joined.concerns == [.defamation, .question, .praise])
        }
    }

    @Test func theFirstResponseIsTheWorkflowsFirstResponse() {
        #expect(Store.firstResponseActionNames.sorted() == CaseAction.firstResponses.map(\.name).sorted())
        #expect(CaseAction.acknowledge.isFirstResponse && CaseAction.dismiss(reason: "spam").isFirstResponse)
        #expect(!CaseAction.approve.isFirstResponse && !CaseAction.startDraft.isFirstResponse)
    }

    @Test(arguments: StoreKind.available) func postsByOneAuthorJoinWithinTheWindowOnly(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try store(at: location)
            let opened = try write(store, [observation("a", triage(.complaint, thread: nil, author: "author:x"))])
            let soon = try write(store, [observation("b", triage(.complaint, thread: nil, author: "author:x"))],
                                 at: now.addingTimeInterval(3600))
            let muchLater = try write(store, [observation("c", triage(.complaint, thread: nil, author: "author:x"))],
                                      at: now.addingTimeInterval(5 * 86_400))
            #expect(soon.joinedCases == opened.openedCases)
            #expect(muchLater.openedCases.count == 1 && muchLater.joinedCases.isEmpty)
        }
    }

    @Test(arguments: StoreKind.available) func transitionsAssignmentsAndDraftsAreAllInTheAuditTrail(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try store(at: location)
            let caseID = try #require(try write(store, [observation("a", triage(.complaint))]).openedCases.first)
            try store.assign(caseID, to: "Sam Reid", actor: "head", at: now)
            try store.transition(caseID, from: .new, to: .drafting, action: "startDraft", actor: "sam", reason: nil, at: now)
            try store.addDraft(to: caseID, audience: "parent", text: "Dear parent…", author: "sam", problems: ["no signature"], at: now)
            let record = try #require(try store.caseRecord(caseID))
            #expect(record.summary.assignee == "Sam Reid")
            #expect(record.drafts.map(\.problems) == [["no signature"]])
            #expect(record.audit.map(\.action) == ["open", "assign", "startDraft", "draft"])
            #expect(record.audit.map(\.actor) == ["earshot", "head", "sam", "sam"])
        }
    }

    @Test(arguments: StoreKind.available) func aTransitionFromAStatusTheCaseNoLongerHasIsRefused(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try store(at: location)
            let caseID = try #require(try write(store, [observation("a", triage(.complaint))]).openedCases.first)
            #expect(throws: StorageError.self) {
                try store.transition(caseID, from: .drafting, to: .awaitingApproval, action: "submitForApproval",
                                     actor: "sam", reason: nil, at: now)
            }
            #expect(try store.caseSummary(caseID)?.status == .new)
        }
    }

    @Test(arguments: StoreKind.available) func aCaseThatChangesHandsForAnAlertingPostAlertsItsNewOwnerOnce(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try store(at: location)
            let caseID = try #require(try write(store, [observation("a", triage(.offensive, owner: .seniorLeadership, alert: true))])
                .openedCases.first)
            #expect(try store.casesAwaitingAlert().map(\.id) == [caseID])
            try store.noteAlert(caseID, at: now, error: nil)
            #expect(try store.casesAwaitingAlert().isEmpty)
            // A less serious post joining changes nothing; a safeguarding post hands the case to the DSL.
            _ = try write(store, [observation("b", triage(.complaint, alert: true))])
            #expect(try store.casesAwaitingAlert().isEmpty)
            _ = try write(store, [observation("c", triage(.safeguarding, owner: .designatedSafeguardingLead, alert: true))])
            #expect(try store.casesAwaitingAlert().map(\.owner) == [.designatedSafeguardingLead])
            try store.noteAlert(caseID, at: now, error: nil)
            #expect(try store.casesAwaitingAlert().isEmpty)
        }
    }

    @Test(arguments: StoreKind.available) func aMoveFromAStatusTheCaseNoLongerHasIsAConflictNotAFailure(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try store(at: location)
            let caseID = try #require(try write(store, [observation("a", triage(.question))]).openedCases.first)
            try store.transition(caseID, from: .new, to: .acknowledged, action: "acknowledge", actor: "jo", reason: nil, at: now)
            do {
                try store.transition(caseID, from: .new, to: .dismissed, action: "dismiss", actor: "sam", reason: "duplicate", at: now)
                Issue.record("a stale move went through")
            } catch let error as StorageError {
                #expect(error.isConflict && error.description.contains("someone moved it first"))
            }
            #expect(try store.caseSummary(caseID)?.status == .acknowledged)
            #expect(try store.auditTrail(for: caseID).map(\.action) == ["open", "acknowledge"])
        }
    }
}

@Suite struct DigestRecordTests {
    @Test(arguments: StoreKind.available) func aGivenDaysDigestNeverBecomesWhereTheNextRegularOneStarts(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            let monday = Date(timeIntervalSince1970: 1_795_600_800)
            try store.recordDigest(day: "2026-11-25", windowStart: monday.addingTimeInterval(-86_400), generatedAt: monday,
                                   htmlPath: "a.html", textPath: "a.txt", subject: "a")
            // Wednesday's digest, asked for by date on Friday: ends at Thursday's midnight.
            try store.recordDigest(day: "2026-11-27", windowStart: monday.addingTimeInterval(2 * 86_400),
                                   generatedAt: monday.addingTimeInterval(3 * 86_400), htmlPath: "b.html", textPath: "b.txt",
                                   subject: "b", isOfGivenDay: true)
            #expect(try store.lastDigest()?.day == "2026-11-27")
            #expect(try store.lastRegularDigest()?.day == "2026-11-25")
        }
    }
}
