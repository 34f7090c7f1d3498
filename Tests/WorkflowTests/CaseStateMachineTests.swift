import Model
import Testing
@testable import Workflow

@Suite struct CaseStateMachineTests {
    /// One transition: from a status, by an action, to a status.
    struct Transition: Sendable, CustomTestStringConvertible {
        var from: CaseStatus
        var action: CaseAction
        var to: CaseStatus
        var needsApproval = false

        var testDescription: String {
            "\(from.rawValue) --\(action.name)\(needsApproval ? " (approval)" : "")--> \(to.rawValue)"
        }
    }

    /// An action that must be refused from a status.
    struct RefusedAction: Sendable, CustomTestStringConvertible {
        var from: CaseStatus
        var action: CaseAction

        var testDescription: String { "\(from.rawValue) refuses \(action.name)" }
    }

    static let legal: [Transition] = [
        Transition(from: .new, action: .acknowledge, to: .acknowledged),
        Transition(from: .new, action: .startDraft, to: .drafting),
        Transition(from: .new, action: .escalate(reason: "safeguarding worry"), to: .escalated),
        Transition(from: .new, action: .dismiss(reason: "not about us"), to: .dismissed),
        Transition(from: .acknowledged, action: .startDraft, to: .drafting),
        Transition(from: .acknowledged, action: .escalate(reason: "parent threatens press"), to: .escalated),
        Transition(from: .acknowledged, action: .dismiss(reason: "resolved by phone"), to: .dismissed),
        Transition(from: .acknowledged, action: .markResponded, to: .responded),
        Transition(from: .drafting, action: .submitForApproval, to: .awaitingApproval),
        Transition(from: .drafting, action: .submitForApproval, to: .awaitingApproval, needsApproval: true),
        Transition(from: .drafting, action: .markResponded, to: .responded),
        Transition(from: .drafting, action: .escalate(reason: "needs the head"), to: .escalated),
        Transition(from: .drafting, action: .dismiss(reason: "post deleted"), to: .dismissed),
        Transition(from: .awaitingApproval, action: .requestChanges, to: .drafting, needsApproval: true),
        Transition(from: .awaitingApproval, action: .approve, to: .approved, needsApproval: true),
        Transition(from: .approved, action: .markResponded, to: .responded, needsApproval: true),
        Transition(from: .approved, action: .requestChanges, to: .drafting, needsApproval: true),
        Transition(from: .approved, action: .escalate(reason: "parent went to the press"), to: .escalated, needsApproval: true),
        Transition(from: .awaitingApproval, action: .escalate(reason: "legal advice"), to: .escalated, needsApproval: true),
        Transition(from: .escalated, action: .startDraft, to: .drafting),
        Transition(from: .escalated, action: .acknowledge, to: .acknowledged),
        Transition(from: .escalated, action: .markResponded, to: .responded),
        Transition(from: .escalated, action: .dismiss(reason: "handled offline"), to: .dismissed),
        Transition(from: .responded, action: .close, to: .closed),
        Transition(from: .responded, action: .reopen(reason: "follow-up post"), to: .reopened),
        Transition(from: .closed, action: .reopen(reason: "new reply"), to: .reopened),
        Transition(from: .dismissed, action: .reopen(reason: "dismissed in error"), to: .reopened),
        Transition(from: .reopened, action: .acknowledge, to: .acknowledged),
        Transition(from: .reopened, action: .startDraft, to: .drafting),
        Transition(from: .reopened, action: .escalate(reason: "second complaint"), to: .escalated),
        Transition(from: .reopened, action: .dismiss(reason: "duplicate"), to: .dismissed),
    ]

    static let refused: [RefusedAction] = [
        RefusedAction(from: .new, action: .markResponded),
        RefusedAction(from: .new, action: .approve),
        RefusedAction(from: .new, action: .submitForApproval),
        RefusedAction(from: .new, action: .close),
        RefusedAction(from: .new, action: .reopen(reason: "why")),
        RefusedAction(from: .acknowledged, action: .acknowledge),
        RefusedAction(from: .acknowledged, action: .approve),
        RefusedAction(from: .drafting, action: .approve),
        RefusedAction(from: .drafting, action: .close),
        RefusedAction(from: .awaitingApproval, action: .markResponded),
        RefusedAction(from: .awaitingApproval, action: .dismiss(reason: "no")),
        RefusedAction(from: .awaitingApproval, action: .startDraft),
        RefusedAction(from: .escalated, action: .escalate(reason: "again")),
        RefusedAction(from: .escalated, action: .approve),
        RefusedAction(from: .responded, action: .startDraft),
        RefusedAction(from: .responded, action: .dismiss(reason: "late")),
        RefusedAction(from: .closed, action: .close),
        RefusedAction(from: .closed, action: .acknowledge),
        RefusedAction(from: .dismissed, action: .startDraft),
        RefusedAction(from: .dismissed, action: .close),
        RefusedAction(from: .reopened, action: .markResponded),
        RefusedAction(from: .reopened, action: .reopen(reason: "twice")),
    ]

    let machine = CaseStateMachine()

    @Test("Legal transition", arguments: legal)
    func legalTransition(_ transition: Transition) throws {
        let status = try machine.apply(transition.action, to: transition.from, needsApproval: transition.needsApproval)
        #expect(status == transition.to)
    }

    @Test("Illegal transition", arguments: refused)
    func illegalTransition(_ refusal: RefusedAction) {
        for needsApproval in [false, true] {
            do {
                _ = try machine.apply(refusal.action, to: refusal.from, needsApproval: needsApproval)
                Issue.record("\(refusal.testDescription) was allowed")
            } catch {
                guard case .illegalTransition(let from, let action) = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
                #expect(from == refusal.from)
                #expect(action == refusal.action)
            }
        }
    }

    @Test func everyPairOutsideTheLegalTableIsRefused() {
        let allowed = Set(Self.legal.map { "\($0.from.rawValue) \($0.action.name)" })
        for status in CaseStatus.allCases {
            for action in CaseStateMachine.sampleActions where !allowed.contains("\(status.rawValue) \(action.name)") {
                #expect(throws: WorkflowError.self, "\(status.rawValue) \(action.name)") {
                    try machine.apply(action, to: status, needsApproval: false)
                }
            }
        }
    }

    @Test("A reply that needs approval cannot skip it, not even by escalating", arguments: [CaseStatus.drafting, .acknowledged, .escalated])
    func replyNeedingApprovalCannotSkipIt(_ status: CaseStatus) {
        do {
            _ = try machine.apply(.markResponded, to: status, needsApproval: true)
            Issue.record("marked responded without approval")
        } catch {
            guard case .approvalRequired(let from) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(from == status)
            #expect(error.description.contains("approval"))
        }
    }

    @Test("Escalating, dismissing and reopening need a reason", arguments: [
        (CaseAction.dismiss(reason: ""), CaseStatus.new), (.dismiss(reason: "   "), .new), (.escalate(reason: "\n\t"), .new),
        (.escalate(reason: ""), .drafting), (.reopen(reason: " "), .closed), (.reopen(reason: ""), .dismissed),
    ])
    func actionsWithAReasonNeedOne(_ action: CaseAction, from status: CaseStatus) {
        do {
            _ = try machine.apply(action, to: status, needsApproval: false)
            Issue.record("\(action.name) without a reason")
        } catch {
            guard case .missingReason(let refused) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(refused == action)
        }
    }

    @Test func illegalDismissalIsReportedAsIllegalEvenWithoutAReason() {
        do {
            _ = try machine.apply(.dismiss(reason: ""), to: .closed, needsApproval: false)
            Issue.record("dismissed a closed case")
        } catch {
            guard case .illegalTransition = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }

    @Test func legalTransitionsMatchThePolicyTable() {
        let expected: [CaseStatus: Set<CaseStatus>] = [
            .new: [.acknowledged, .drafting, .escalated, .dismissed],
            .acknowledged: [.drafting, .escalated, .dismissed, .responded],
            .drafting: [.awaitingApproval, .responded, .escalated, .dismissed],
            .awaitingApproval: [.drafting, .approved, .escalated],
            .approved: [.responded, .drafting, .escalated],
            .escalated: [.drafting, .acknowledged, .responded, .dismissed],
            .responded: [.closed, .reopened],
            .closed: [.reopened],
            .dismissed: [.reopened],
            .reopened: [.acknowledged, .drafting, .escalated, .dismissed],
        ]
        for status in CaseStatus.allCases {
            #expect(machine.legalTransitions(from: status, needsApproval: false) == expected[status], "\(status.rawValue)")
        }
        #expect(machine.legalTransitions(from: .drafting, needsApproval: true) == [.awaitingApproval, .escalated, .dismissed])
        #expect(machine.legalTransitions(from: .acknowledged, needsApproval: true) == [.drafting, .escalated, .dismissed])
    }

    @Test func walksTheApprovalPathWithARoundOfChanges() throws {
        var status = CaseStatus.new
        let actions: [CaseAction] = [
            .acknowledge, .startDraft, .submitForApproval, .requestChanges, .submitForApproval, .approve, .markResponded,
            .close, .reopen(reason: "parent replied"), .startDraft, .submitForApproval, .approve, .markResponded,
        ]
        for action in actions {
            status = try machine.apply(action, to: status, needsApproval: true)
        }
        #expect(status == .responded)
    }

    @Test func illegalTransitionMessageNamesWhatIsAllowed() {
        let error = WorkflowError.illegalTransition(from: .closed, action: .startDraft)
        #expect(error.description.contains("Cannot startDraft a case that is closed"))
        #expect(error.description.contains("reopen"))
    }

    @Test func actionsNameTheirTargetAndReason() {
        #expect(CaseAction.approve.targetStatus == .approved)
        #expect(CaseAction.requestChanges.targetStatus == .drafting)
        #expect(CaseAction.escalate(reason: "DSL").reason == "DSL")
        #expect(CaseAction.close.reason == nil)
        #expect(CaseAction.dismiss(reason: "spam").description == "dismiss(spam)")
    }
}
