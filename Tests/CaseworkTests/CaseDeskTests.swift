import Casework
import Foundation
import Model
import Storage
import TestSupport
import Testing
import Workflow

/// The case desk on a real SQLite file: moves go through the state machine and into the audit trail.
@Suite struct CaseDeskTests {
    let now = Date(timeIntervalSince1970: 1_795_600_800)
    let forum = Source(url: URL(string: "https://forum.example/t/1")!, kind: .page, title: "Forum")

    /// A store holding one new complaint case that needs a senior leader's approval.
    func storeWithCase(in folder: URL) throws -> (Store, CaseID) {
        let store = try Store(path: folder.appendingPathComponent("e.sqlite").path)
        try store.register([forum])
        let item = Item(key: ItemKey(rawValue: "hash:a"), title: "Lunch", link: forum.url, text: "The lunch queue is appalling")
        let finding = Finding(item: item, source: forum.id, discoveredAt: now, mentions: [], sentiment: .neutral,
                              concerns: [ConcernAssessment(concern: .complaint, confidence: 0.9, evidence: [])])
        let triage = CaseTriage(primaryConcern: .complaint, concerns: [.complaint], owner: .communications, clockStartedAt: now,
                                dueAt: now.addingTimeInterval(86_400), needsApproval: true, shouldAlertAtOnce: false,
                                wasOverdueWhenFound: false, threadKey: nil, authorKey: nil)
        let summary = try store.record(SourceScanRecord(state: FetchState(sourceID: forum.id, currentURL: forum.url, lastFetchedAt: now),
                                                        observations: [.init(item: item, finding: finding, triage: triage)]), joining: CaseJoin.init(joining:to:))
        return (store, try #require(summary.openedCases.first))
    }

    @Test func aMoveThePolicyRefusesChangesNothing() async throws {
        try await withTemporaryDirectory { folder in
            let (store, caseID) = try storeWithCase(in: folder)
            let summary = try #require(try store.caseSummary(caseID))
            #expect(throws: CaseworkError.self) { try CaseDesk().move(summary, by: .approve, actor: "jo", at: now, in: store) }
            #expect(try store.caseSummary(caseID)?.status == .new)
            #expect(try CaseDesk().move(summary, by: .acknowledge, actor: "jo", at: now, in: store) == .acknowledged)
            #expect(try store.caseRecord(caseID)?.audit.last?.action == "acknowledge")
        }
    }

    @Test func anApprovalOfADraftOvertakenByANewerOneIsRefused() async throws {
        try await withTemporaryDirectory { folder in
            let (store, caseID) = try storeWithCase(in: folder)
            let desk = CaseDesk()
            var summary = try #require(try store.caseSummary(caseID))
            try desk.move(summary, by: .startDraft, actor: "jo", at: now, in: store)
            let read = try store.addDraft(to: caseID, audience: "public", text: "Thank you", author: "jo", problems: [], at: now)
            summary = try #require(try store.caseSummary(caseID))
            try desk.move(summary, by: .submitForApproval, actor: "jo", at: now, in: store)
            _ = try store.addDraft(to: caseID, audience: "public", text: "Thank you, and sorry", author: "jo", problems: [], at: now)
            summary = try #require(try store.caseSummary(caseID))
            #expect(throws: CaseworkError.self) {
                try desk.move(summary, by: .approve, actor: "head", at: now, latestDraftID: read, in: store)
            }
            #expect(try store.caseSummary(caseID)?.status == .awaitingApproval)
        }
    }

    @Test func aCleanDraftOnACaseThatNeedsApprovalGoesStraightToASeniorLeader() async throws {
        try await withTemporaryDirectory { folder in
            let (store, caseID) = try storeWithCase(in: folder)
            let desk = CaseDesk()
            let flagged = try desk.saveDraft("Obviously you are wrong.", audience: .parent,
                                             problems: [DraftProblem(kind: .defensiveTone, message: "sounds defensive")],
                                             on: try #require(try store.caseSummary(caseID)), actor: "sam", at: now, in: store)
            #expect(flagged.status == .drafting && !flagged.isSubmitted)
            let clean = try desk.saveDraft("Thank you for telling us.", audience: .parent, problems: [],
                                           on: try #require(try store.caseSummary(caseID)), actor: "sam", at: now, in: store)
            #expect(clean.status == .awaitingApproval && clean.isSubmitted && clean.id > flagged.id)
            let actions = try #require(try store.caseRecord(caseID)).audit.map(\.action)
            #expect(actions == ["open", "startDraft", "draft", "draft", "submitForApproval"])
        }
    }

    @Test func aFinishedCaseTakesNoNewDraft() async throws {
        try await withTemporaryDirectory { folder in
            let (store, caseID) = try storeWithCase(in: folder)
            let summary = try #require(try store.caseSummary(caseID))
            try CaseDesk().move(summary, by: .dismiss(reason: "spam"), actor: "jo", at: now, in: store)
            #expect(throws: CaseworkError.self) {
                try CaseDesk().saveDraft("Thank you.", audience: .parent, problems: [],
                                         on: try #require(try store.caseSummary(caseID)), actor: "jo", at: now, in: store)
            }
            #expect(try store.caseRecord(caseID)?.drafts.isEmpty == true)
        }
    }
}
