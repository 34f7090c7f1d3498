import Foundation
import Model

extension CaseJoin {
    /// What a new post, triaged as `triage`, does to the case `current` of its conversation.
    ///
    /// - The case lists every concern of its posts, so none hides behind the first post's.
    /// - A more serious concern takes the case, and its owner with it.
    /// - The due time is the earlier of the two; approval and an instant alert, once needed, stay needed.
    /// - A finished case is reopened (through `CaseStateMachine`) and takes the new post's clock:
    ///   its old due time has passed and says nothing about the new post.
    /// - When the case changes hands, or is reopened, for a post that asks for an instant alert,
    ///   the (new) owner is alerted again.
    public init(joining triage: CaseTriage, to current: CaseSnapshot) {
        let raisesConcern = triage.primaryConcern < current.primaryConcern
        var reopening: Reopening?
        if !current.status.isOpen,
           let reopened = try? CaseStateMachine().apply(.reopen(reason: "a new post in the same conversation"), to: current.status,
                                                          needsApproval: current.needsApproval) {
            reopening = Reopening(status: reopened, clockStartedAt: triage.clockStartedAt, wasOverdueWhenFound: triage.wasOverdueWhenFound)
        }
        let changesOwner = raisesConcern && current.owner != triage.owner
        self.init(
            primaryConcern: raisesConcern ? triage.primaryConcern : current.primaryConcern,
            concerns: Set(current.concerns + triage.concerns).sorted(),
            owner: raisesConcern ? triage.owner : current.owner,
            dueAt: reopening == nil ? min(current.dueAt, triage.dueAt) : triage.dueAt,
            needsApproval: current.needsApproval || triage.needsApproval,
            shouldAlertAtOnce: current.shouldAlertAtOnce || triage.shouldAlertAtOnce,
            raisesConcern: raisesConcern,
            reopening: reopening,
            alertsAgain: triage.shouldAlertAtOnce && (changesOwner || reopening != nil)
        )
    }
}
