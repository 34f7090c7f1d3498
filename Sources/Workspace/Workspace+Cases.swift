import Casework
import Foundation
import Model
import Sentiment
import Storage
import Workflow

extension Workspace {
    /// The case queue: overdue first, then at risk, then by due time; filtered by the query.
    func queue(_ request: WorkspaceRequest, user: SignedInUser, renderer: PageRenderer) async throws -> WorkspaceResponse {
        let filter = QueueFilter(query: request.query)
        let showsAll = filter.status == "all" || (filter.status.flatMap(CaseStatus.init(rawValue:)).map { !$0.isOpen } ?? false)
        let cases = try await storage.perform { store in showsAll ? try store.allCases() : try store.openCases() }
        // A restricted case shows only that it exists: its source is neither listed nor filtered on,
        // so that picking a source cannot tell where a safeguarding post came from.
        let visible = cases.filter { !renderer.isRestricted($0, for: user) }
        let shown = cases.filter { filter.matches($0) && (filter.source == nil || !renderer.isRestricted($0, for: user)) }
            .urgentFirst(at: renderer.now)
        return .html(renderer.queuePage(shown, filter: filter, user: user, owners: Set(cases.map(\.owner.rawValue)).sorted(),
                                        sources: Set(visible.map(\.sourceTitle)).sorted()))
    }

    /// A case in full, or 403 when the role may not see it.
    func casePage(
        _ caseID: CaseID, user: SignedInUser, renderer: PageRenderer, notice: PageRenderer.Notice? = nil, draftText: String? = nil
    ) async throws -> String {
        let record = try await loadRecord(caseID, user: user)
        let latestProblems = record.drafts.last.map { checkDraft($0.text, for: record.summary) } ?? []
        return renderer.casePage(record, user: user, notice: notice, draftText: draftText, latestDraftProblems: latestProblems)
    }

    private func loadRecord(_ caseID: CaseID, user: SignedInUser) async throws -> Store.CaseRecord {
        guard let record = try await storage.perform({ try $0.caseRecord(caseID) }) else {
            throw WorkspaceError.notFound("There is no case \(caseID.rawValue).")
        }
        // `touchesSafeguarding` already looks at every post of the case, as the store reads them.
        if record.summary.touchesSafeguarding, !user.role.canSeeSafeguarding {
            throw WorkspaceError.forbidden("Safeguarding cases are open to the designated safeguarding lead and senior leaders only.")
        }
        return record
    }

    /// The draft check over a text, the same as the command line's.
    func checkDraft(_ text: String, for summary: CaseSummary) -> [DraftProblem] {
        DraftReview(lexicon: lexicon, policy: settings.draftPolicy).problems(in: text, for: summary)
    }

    /// The draft check over the form's text as JSON (`problems` that block, `notes` that do not),
    /// for the draft editor's script; nothing is saved.
    func liveCheck(of caseID: CaseID, request: WorkspaceRequest, user: SignedInUser) async throws -> WorkspaceResponse {
        guard user.role.canAct else { throw WorkspaceError.forbidden("A read-only account cannot write replies.") }
        let record = try await loadRecord(caseID, user: user)
        let problems = checkDraft(request.form["text"] ?? "", for: record.summary)
        let result = [
            "problems": problems.filter(\.isBlocking).map(\.description),
            "notes": problems.filter { !$0.isBlocking }.map(\.description),
        ]
        let body = (try? JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])) ?? Data("{}".utf8)
        return WorkspaceResponse(status: 200, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                                 body: Array(body))
    }

    /// Performs a form's action on a case as the signed-in person.
    func act(
        _ action: String, on caseID: CaseID, request: WorkspaceRequest, user: SignedInUser, renderer: PageRenderer, at now: Date
    ) async throws -> WorkspaceResponse {
        guard user.role.canAct else { throw WorkspaceError.forbidden("A read-only account cannot change cases.") }
        let record = try await loadRecord(caseID, user: user)
        let summary = record.summary
        let reason = (request.form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        switch action {
        case "draft":
            let text = (request.form["text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw WorkspaceError.badRequest("Write the reply before checking it.") }
            let audience = Audience(rawValue: request.form["audience"] ?? "") ?? .usual(for: summary.primaryConcern)
            let problems = checkDraft(text, for: summary)
            let blocking = problems.filter(\.isBlocking)
            let actor = user.name
            do {
                _ = try await storage.perform { store in
                    try CaseDesk().saveDraft(text, audience: audience, problems: problems, on: summary, actor: actor, at: now, in: store)
                }
            } catch let error as CaseworkError {
                switch error {
                case .refused(_, let reason): throw WorkspaceError.conflict("This case cannot take a new reply: \(reason).")
                case .storage(let cause): throw cause
                }
            }
            if !blocking.isEmpty {
                let page = try await casePage(caseID, user: user, renderer: renderer,
                                              notice: .init(isError: true, text: "The draft check found problems. Fix them and check again."),
                                              draftText: text)
                return .html(page, status: 422)
            }
            return .redirect(to: "/cases/\(caseID.rawValue)")
        case "approve":
            guard user.role.canApprove else { throw WorkspaceError.forbidden("Only senior leaders approve replies.") }
            guard let draft = record.drafts.last else { throw WorkspaceError.conflict("There is no draft to approve.") }
            // The draft the leader read, not whichever is latest when the click arrives.
            guard request.form["draft"].flatMap({ Int64($0) }) == draft.id else {
                throw WorkspaceError.conflict("A newer draft was saved after this page was opened. Read it before approving.")
            }
            let blocking = checkDraft(draft.text, for: summary).filter(\.isBlocking)
            guard blocking.isEmpty else {
                throw WorkspaceError.conflict("The latest draft cannot be approved: " + blocking.map(\.description).joined(separator: "; "))
            }
            // Checked again as the case moves, in case a draft is saved between reading and moving.
            try await move(caseID, summary: summary, by: .approve, actor: user.name, at: now, latestDraftID: draft.id)
        case "respond":
            try await move(caseID, summary: summary, by: .markResponded, actor: user.name, at: now)
        case "escalate":
            guard !reason.isEmpty else { throw WorkspaceError.badRequest("Say why the case is escalated.") }
            try await move(caseID, summary: summary, by: .escalate(reason: reason), actor: user.name, at: now)
        case "dismiss":
            guard !reason.isEmpty else { throw WorkspaceError.badRequest("Say why the case needs no response.") }
            try await move(caseID, summary: summary, by: .dismiss(reason: reason), actor: user.name, at: now)
        default:
            throw WorkspaceError.notFound("There is no action \(action).")
        }
        return .redirect(to: "/cases/\(caseID.rawValue)")
    }

    private func move(
        _ caseID: CaseID, summary: CaseSummary, by action: CaseAction, actor: String, at now: Date, latestDraftID: Int64? = nil
    ) async throws {
        do {
            try await storage.perform { store in
                try CaseDesk().move(summary, by: action, actor: actor, at: now, latestDraftID: latestDraftID, in: store)
            }
        } catch let error as CaseworkError {
            switch error {
            case .refused(_, let reason): throw WorkspaceError.conflict("Case \(caseID.rawValue): \(reason)")
            case .storage(let cause): throw cause
            }
        }
    }
}

/// The queue's filters, from the page's query.
struct QueueFilter: Sendable {
    var concern: Concern?
    var owner: String?
    var status: String?
    var source: String?

    init(query: [String: String]) {
        func value(_ name: String) -> String? { query[name].flatMap { $0.isEmpty ? nil : $0 } }
        concern = value("concern").flatMap(Concern.init(rawValue:))
        owner = value("owner")
        status = value("status")
        source = value("source")
    }

    func matches(_ item: CaseSummary) -> Bool {
        if let concern, !(item.primaryConcern == concern || item.concerns.contains(concern)
                          || (concern == .safeguarding && item.touchesSafeguarding)) { return false }
        if let owner, item.owner.rawValue != owner { return false }
        if let status, status != "all", item.status.rawValue != status { return false }
        if let source, item.sourceTitle != source { return false }
        return true
    }
}
