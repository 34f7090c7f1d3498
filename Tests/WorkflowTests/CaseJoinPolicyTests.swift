import Foundation
import Model
import Testing
import Workflow

/// What a new post does to the case of its conversation, decided here and applied by Storage.
@Suite struct CaseJoinPolicyTests {
    let now = Date(timeIntervalSince1970: 1_795_600_800)

    func triage(_ concern: Concern, owner: Role, dueIn hours: Double, alert: Bool = false) -> CaseTriage {
        CaseTriage(primaryConcern: concern, concerns: [concern], owner: owner, clockStartedAt: now,
                   dueAt: now.addingTimeInterval(hours * 3600), needsApproval: owner != .communications, shouldAlertAtOnce: alert,
                   wasOverdueWhenFound: false, threadKey: "thread:1", authorKey: nil)
    }

    func praiseCase(_ status: CaseStatus) -> CaseSnapshot {
        CaseSnapshot(status: status, primaryConcern: .praise, concerns: [.praise], owner: .communications,
                     dueAt: now.addingTimeInterval(24 * 3600), needsApproval: false, shouldAlertAtOnce: false)
    }

    @Test func aMoreSeriousPostTakesTheCaseAndEveryConcernIsListed() {
        let join = CaseJoin(joining: triage(.defamation, owner: .seniorLeadership, dueIn: 4, alert: true), to: praiseCase(.new))
        #expect(join.primaryConcern == .defamation && join.owner == .seniorLeadership && join.raisesConcern)
        #expect(join.concerns == [.defamation, .praise])
        #expect(join.dueAt == now.addingTimeInterval(4 * 3600))
        #expect(join.needsApproval && join.shouldAlertAtOnce && join.alertsAgain && join.reopening == nil)
    }

    @Test func aLesserPostKeepsTheOwnerAndTheEarlierDueTime() {
        var current = praiseCase(.acknowledged)
        current.primaryConcern = .complaint
        current.concerns = [.complaint]
        let join = CaseJoin(joining: triage(.praise, owner: .communications, dueIn: 48), to: current)
        #expect(join.primaryConcern == .complaint && !join.raisesConcern && !join.alertsAgain)
        #expect(join.dueAt == now.addingTimeInterval(24 * 3600) && join.concerns == [.complaint, .praise])
    }

    @Test(arguments: [CaseStatus.responded, .closed, .dismissed])
    func aFinishedCaseIsReopenedWithTheNewPostsClock(status: CaseStatus) {
        let join = CaseJoin(joining: triage(.question, owner: .communications, dueIn: 30), to: praiseCase(status))
        #expect(join.reopening == CaseJoin.Reopening(status: .reopened, clockStartedAt: now, wasOverdueWhenFound: false))
        #expect(join.dueAt == now.addingTimeInterval(30 * 3600), "a finished case's old due time says nothing about the new post")
    }
}
