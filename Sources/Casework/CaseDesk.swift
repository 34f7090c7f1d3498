import Foundation
import Model
import Storage
import Workflow

/// Where a member of staff acts on a case: every move goes through `CaseStateMachine` and is
/// stored with the audit trail, the same from the command line as from the workspace.
public struct CaseDesk: Sendable {
    /// A desk; it holds no state, the case is read from and written to the store it is given.
    public init() {}

    /// Moves a case by `action` as `actor`, from the status it had when `summary` was read.
    ///
    /// - Parameters:
    ///   - latestDraftID: for an approval, the draft the leader read: the move is refused when a
    ///     newer draft was saved since, checked in the same transaction as the move.
    /// - Returns: the case's new status.
    /// - Throws: `CaseworkError.refused` when the policy does not allow the move from that status,
    ///   `.storage` when the store fails or the case moved or gained a draft meanwhile (a conflict).
    @discardableResult
    public func move(
        _ summary: CaseSummary, by action: CaseAction, actor: String, at date: Date, latestDraftID: Int64? = nil, in store: Store
    ) throws(CaseworkError) -> CaseStatus {
        let next: CaseStatus
        do {
            next = try CaseStateMachine().apply(action, to: summary.status, needsApproval: summary.needsApproval)
        } catch {
            throw .refused(caseID: summary.id, reason: error.description)
        }
        do {
            try store.transition(summary.id, from: summary.status, to: next, action: action.name, actor: actor,
                                 reason: action.reason, at: date, latestDraftID: latestDraftID)
        } catch {
            throw .storage(error)
        }
        return next
    }

    /// Saves a reply's draft on a case, with the draft check's findings, moving the case into
    /// drafting first (starting a draft, or asking for changes to one awaiting approval) and, when
    /// the case needs a senior leader's check and the draft passes, submitting it for approval.
    ///
    /// - Parameter problems: what `DraftReview` found in `text`.
    /// - Throws: `CaseworkError.refused` for a case already finished (it needs reopening first),
    ///   `.storage` when the store fails.
    public func saveDraft(
        _ text: String, audience: Audience, problems: [DraftProblem], on summary: CaseSummary, actor: String, at date: Date,
        in store: Store
    ) throws(CaseworkError) -> SavedDraft {
        var current = summary
        switch summary.status {
        case .new, .acknowledged, .escalated, .reopened:
            current.status = try move(current, by: .startDraft, actor: actor, at: date, in: store)
        case .awaitingApproval, .approved:
            current.status = try move(current, by: .requestChanges, actor: actor, at: date, in: store)
        case .drafting:
            break
        case .responded, .closed, .dismissed:
            throw .refused(caseID: summary.id, reason: "it is \(summary.status.rawValue); it needs reopening before a new reply")
        }
        let draftID: Int64
        do {
            draftID = try store.addDraft(to: summary.id, audience: audience.rawValue, text: text, author: actor,
                                         problems: problems.map(\.description), at: date)
        } catch {
            throw .storage(error)
        }
        let isSubmitted = summary.needsApproval && !problems.contains(where: \.isBlocking)
        if isSubmitted {
            current.status = try move(current, by: .submitForApproval, actor: actor, at: date, in: store)
        }
        return SavedDraft(id: draftID, status: current.status, isSubmitted: isSubmitted)
    }
}

/// A draft as saved: its id, the case's status after it, and whether it went for approval.
public struct SavedDraft: Sendable, Hashable {
    public var id: Int64
    public var status: CaseStatus
    public var isSubmitted: Bool
}

/// Why a case could not be worked as asked.
public enum CaseworkError: Error, Sendable, CustomStringConvertible {
    /// The policy does not allow the action from the case's status; `reason` says why in its words.
    case refused(caseID: CaseID, reason: String)
    /// The store failed, or the case changed under the action (`StorageError.isConflict`).
    case storage(StorageError)

    public var description: String {
        switch self {
        case .refused(let caseID, let reason): "case \(caseID): \(reason)"
        case .storage(let error): error.description
        }
    }
}
