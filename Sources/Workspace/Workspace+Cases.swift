import Casework
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Model
import Sentiment
import Storage
import Workflow

extension Workspace {
    /// The case queue: overdue first, then at risk, then by due time; filtered as asked.
    func queue(_ filter: QueueFilter, user: SignedInUser, at now: Date) async throws -> Response {
        let showsAll = filter.status == "all" || (filter.status.flatMap(CaseStatus.init(rawValue:)).map { !$0.isOpen } ?? false)
        let school = user.school
        let cases = try await storage.perform { store in showsAll ? try store.allCases(school: school) : try store.openCases(school: school) }
        // A restricted case shows only that it exists: its source is neither listed nor filtered on,
        // so that picking a source cannot tell where a safeguarding post came from.
        let visible = cases.filter { !pages.isRestricted($0, for: user) }
        let shown = cases.filter { filter.matches($0) && (filter.source == nil || !pages.isRestricted($0, for: user)) }
            .urgentFirst(at: now)
        return .page(try pages.queuePage(shown, filter: filter, user: user, owners: Set(cases.map(\.owner.rawValue)).sorted(),
                                         sources: Set(visible.map(\.sourceTitle)).sorted(), at: now))
    }

    /// A case in full, or 403 when the role may not see it; with a notice and the draft being
    /// written when a draft was just refused.
    func casePage(
        _ caseID: CaseID, user: SignedInUser, at now: Date, notice: PageRenderer.Notice? = nil, draftText: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let record = try await loadRecord(caseID, user: user)
        let latestProblems = record.drafts.last.map { checkDraft($0.text, for: record.summary) } ?? []
        return .page(try pages.casePage(record, user: user, notice: notice, draftText: draftText, latestDraftProblems: latestProblems,
                                        at: now), status: status)
    }

    /// The case, when the person may see it: another school's case is not found at all, so that
    /// its number tells nothing; a safeguarding case the role may not open is forbidden.
    private func loadRecord(_ caseID: CaseID, user: SignedInUser) async throws -> Store.CaseRecord {
        let school = user.school
        guard let record = try await storage.perform({ try $0.caseRecord(caseID, school: school) }) else {
            throw WorkspaceError.notFound("There is no case \(caseID.rawValue).")
        }
        // `touchesSafeguarding` already looks at every post of the case, as the store reads them.
        if record.summary.touchesSafeguarding, !user.canSeeSafeguarding {
            throw WorkspaceError.forbidden("Safeguarding cases are open to the designated safeguarding lead and senior leaders only.")
        }
        return record
    }

    /// The draft check over a text, the same as the command line's.
    func checkDraft(_ text: String, for summary: CaseSummary) -> [DraftProblem] {
        DraftReview(lexicon: lexicon, policy: settings.draftPolicy).problems(in: text, for: summary)
    }

    /// The draft check over a text being written, as JSON (`problems` that block, `notes` that do
    /// not), for the draft editor's script; nothing is saved.
    func liveCheck(of text: String, on caseID: CaseID, user: SignedInUser) async throws -> Response {
        guard user.role.canAct else { throw WorkspaceError.forbidden("A read-only account cannot write replies.") }
        let record = try await loadRecord(caseID, user: user)
        let problems = checkDraft(text, for: record.summary)
        let result = [
            "problems": problems.filter(\.isBlocking).map(\.description),
            "notes": problems.filter { !$0.isBlocking }.map(\.description),
        ]
        let body = (try? JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Saves a draft reply through the draft check: a draft with problems is kept and shown with
    /// them (422); a clean one on a case that needs approval goes to a senior leader.
    func saveDraft(_ rawText: String, audience: Audience?, on caseID: CaseID, user: SignedInUser, at now: Date) async throws -> Response {
        let summary = try await actionableRecord(caseID, user: user).summary
        let text = rawText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw WorkspaceError.badRequest("Write the reply before checking it.") }
        let problems = checkDraft(text, for: summary)
        let actor = user.name
        do {
            _ = try await storage.perform { store in
                try CaseDesk().saveDraft(text, audience: audience ?? .usual(for: summary.primaryConcern), problems: problems, on: summary,
                                         actor: actor, at: now, in: store)
            }
        } catch let error as CaseworkError {
            switch error {
            case .refused(_, let reason): throw WorkspaceError.conflict("This case cannot take a new reply: \(reason).")
            case .storage(let cause): throw cause
            }
        }
        guard problems.allSatisfy({ !$0.isBlocking }) else {
            return try await casePage(caseID, user: user, at: now,
                                      notice: .init(isError: true, text: "The draft check found problems. Fix them and check again."),
                                      draftText: text, status: .unprocessableContent)
        }
        return .seeOther("/cases/\(caseID.rawValue)")
    }

    /// A senior leader approves the draft they were shown (`draftID`), when it is still the latest
    /// and passes the check.
    func approve(draftID: Int64?, on caseID: CaseID, user: SignedInUser, at now: Date) async throws -> Response {
        let record = try await actionableRecord(caseID, user: user)
        guard user.role.canApprove else { throw WorkspaceError.forbidden("Only senior leaders approve replies.") }
        guard let draft = record.drafts.last else { throw WorkspaceError.conflict("There is no draft to approve.") }
        // The draft the leader read, not whichever is latest when the click arrives.
        guard draftID == draft.id else {
            throw WorkspaceError.conflict("A newer draft was saved after this page was opened. Read it before approving.")
        }
        let blocking = checkDraft(draft.text, for: record.summary).filter(\.isBlocking)
        guard blocking.isEmpty else {
            throw WorkspaceError.conflict("The latest draft cannot be approved: " + blocking.map(\.description).joined(separator: "; "))
        }
        // Checked again as the case moves, in case a draft is saved between reading and moving.
        return try await move(record.summary, by: .approve, user: user, at: now, latestDraftID: draft.id)
    }

    /// Marks the case's reply as posted.
    func markResponded(_ caseID: CaseID, user: SignedInUser, at now: Date) async throws -> Response {
        try await move(try await actionableRecord(caseID, user: user).summary, by: .markResponded, user: user, at: now)
    }

    /// Escalates the case, for the reason given.
    func escalate(_ caseID: CaseID, reason: String, user: SignedInUser, at now: Date) async throws -> Response {
        let summary = try await actionableRecord(caseID, user: user).summary
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw WorkspaceError.badRequest("Say why the case is escalated.") }
        return try await move(summary, by: .escalate(reason: reason), user: user, at: now)
    }

    /// Dismisses the case as needing no response, for the reason given.
    func dismiss(_ caseID: CaseID, reason: String, user: SignedInUser, at now: Date) async throws -> Response {
        let summary = try await actionableRecord(caseID, user: user).summary
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw WorkspaceError.badRequest("Say why the case needs no response.") }
        return try await move(summary, by: .dismiss(reason: reason), user: user, at: now)
    }

    /// The case, when the person's role lets them change cases and see this one.
    private func actionableRecord(_ caseID: CaseID, user: SignedInUser) async throws -> Store.CaseRecord {
        guard user.role.canAct else { throw WorkspaceError.forbidden("A read-only account cannot change cases.") }
        return try await loadRecord(caseID, user: user)
    }

    /// Performs a state machine move through `Casework` as the signed-in person, then shows the case.
    private func move(
        _ summary: CaseSummary, by action: CaseAction, user: SignedInUser, at now: Date, latestDraftID: Int64? = nil
    ) async throws -> Response {
        let actor = user.name
        do {
            _ = try await storage.perform { store in
                try CaseDesk().move(summary, by: action, actor: actor, at: now, latestDraftID: latestDraftID, in: store)
            }
        } catch let error as CaseworkError {
            switch error {
            case .refused(_, let reason): throw WorkspaceError.conflict("Case \(summary.id.rawValue): \(reason)")
            case .storage(let cause): throw cause
            }
        }
        return .seeOther("/cases/\(summary.id.rawValue)")
    }
}
