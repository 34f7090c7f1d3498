import Foundation
import Model
import Storage
import Templating
import Workflow

/// Renders the workspace's pages from the bundled templates (Templates/, every value escaped).
///
/// It words each figure, date and line for the templates, which only place values: the views
/// below are what each template reads, property by property. No scripts and no inline styles:
/// the Content-Security-Policy forbids both; the look comes from /static/style.css.
struct PageRenderer: Sendable {
    let settings: WorkspaceSettings
    let templates: TemplateLibrary

    /// The templates every page is made from; loading fails if one is missing.
    static let templateNames = ["case", "digest", "error", "feeds", "form-token", "layout", "mention-entry", "mentions",
                                "notice", "option", "queue", "sentiment-bars", "sign-in"]

    /// Loads the bundled templates.
    /// - Throws: ``TemplateError`` when a template cannot be read, breaks the escaping rules, or is missing.
    init(settings: WorkspaceSettings) throws(TemplateError) {
        self.settings = settings
        templates = try TemplateLibrary(bundle: .module, folder: "Templates")
        if let missing = Self.templateNames.first(where: { !templates.names.contains($0) }) {
            throw TemplateError(template: missing, reason: "is not among the bundled templates")
        }
    }

    /// A message shown at the top of a page.
    struct Notice: Sendable {
        var isError: Bool
        var text: String
    }

    /// What the layout shows around every page: its title, the school, and who is signed in.
    struct Frame {
        let title: String
        let schoolName: String
        let user: HeaderUser?

        /// The signed-in person in the header, with the form token of the sign-out form.
        struct HeaderUser {
            let name: String
            let roleName: String
            let csrfToken: String
        }
    }

    /// A notice as the `notice` template shows it: errors are read out at once.
    struct NoticeView {
        let className: String
        let role: String
        let text: String

        init(_ notice: Notice) {
            className = notice.isError ? "notice error" : "notice"
            role = notice.isError ? "alert" : "status"
            text = notice.text
        }
    }

    /// One `<option>` of a filter or form.
    struct Option {
        let value: String
        let label: String
        let isSelected: Bool
    }

    /// An overdue or at-risk marker.
    struct Flag {
        let className: String
        let text: String
    }

    func frame(_ title: String, user: SignedInUser?) -> Frame {
        Frame(title: title, schoolName: settings.schoolName,
              user: user.map { Frame.HeaderUser(name: $0.name, roleName: $0.role.displayName, csrfToken: $0.csrfToken) })
    }

    var formatter: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = settings.timeZone
        formatter.dateFormat = "EEE d MMM HH:mm"
        return formatter
    }

    /// The options of a filter: "Any" (the empty value) first, then `values` as value and label,
    /// with `selected` marked.
    func options(_ values: [(String, String)], selected: String?) -> [Option] {
        ([("", "Any")] + values).map { Option(value: $0.0, label: $0.1, isSelected: $0.0 == (selected ?? "")) }
    }

    /// A web address to link to, or nil for anything but http and https.
    static func webAddress(_ url: URL?) -> String? {
        guard let url, ["http", "https"].contains(url.scheme?.lowercased() ?? "") else { return nil }
        return url.absoluteString
    }

    // MARK: Sign-in and errors

    private struct SignInPage {
        let frame: Frame
        let notice: NoticeView?
        let formToken: String
    }

    func signInPage(formToken: String, message: String?) throws(TemplateError) -> String {
        try templates.render(SignInPage(frame: frame("Sign in", user: nil), notice: message.map { NoticeView(Notice(isError: true, text: $0)) },
                                        formToken: formToken), with: "sign-in")
    }

    private struct ErrorPage {
        let frame: Frame
        let heading: String
        let message: String
    }

    func errorPage(_ error: WorkspaceError) throws(TemplateError) -> String {
        let heading = switch error.status {
        case 403: "Not allowed"
        case 404, 405: "Not found"
        case 409: "Not possible now"
        case 400: "Something is missing"
        case 413: "Too large"
        default: "Something went wrong"
        }
        return try templates.render(ErrorPage(frame: frame(heading, user: nil), heading: heading, message: error.message), with: "error")
    }

    // MARK: Queue

    /// Whether the person may read this case's posts.
    func isRestricted(_ item: CaseSummary, for user: SignedInUser) -> Bool {
        !user.canSeeSafeguarding && item.touchesSafeguarding
    }

    func flag(_ item: CaseSummary, at now: Date) -> Flag? {
        if item.isOverdue(at: now) { return Flag(className: "overdue", text: "Overdue") }
        if item.isAtRisk(at: now) { return Flag(className: "risk", text: "At risk") }
        return nil
    }

    private struct QueuePage {
        let frame: Frame
        let concernOptions: [Option]
        let ownerOptions: [Option]
        let statusOptions: [Option]
        let sourceOptions: [Option]
        let count: String
        let cases: [QueueEntry]
        let hasCases: Bool
    }

    /// A case in the queue; a restricted one shows neither its title, its text nor its source.
    private struct QueueEntry {
        let title: String
        let link: String?
        let flag: Flag?
        let meta: String
        let isVisible: Bool
        let snippet: String
        let sourceTitle: String
    }

    func queuePage(
        _ cases: [CaseSummary], filter: QueueFilter, user: SignedInUser, owners: [String], sources: [String], at now: Date
    ) throws(TemplateError) -> String {
        let formatter = self.formatter
        let statuses = [("all", "All, open or not")] + CaseStatus.allCases.map { ($0.rawValue, $0.rawValue) }
        let entries = cases.map { item in
            let restricted = isRestricted(item, for: user)
            let school = user.isTrustWide ? (settings.schoolNames[item.school] ?? item.school.rawValue) + " · " : ""
            let meta = "\(school)Case \(item.id.rawValue) · due \(formatter.string(from: item.dueAt)) · \(item.status.rawValue) · "
                + "\(item.primaryConcern.displayName) · owner \(item.owner.rawValue)\(item.assignee.map { " (\($0))" } ?? "")"
                + (item.needsApproval ? " · senior leader approves" : "")
            return QueueEntry(title: restricted ? "Safeguarding case (restricted to the DSL and senior leaders)" : item.title,
                              link: restricted ? nil : "/cases/\(item.id.rawValue)", flag: flag(item, at: now), meta: meta,
                              isVisible: !restricted, snippet: restricted ? "" : item.snippet, sourceTitle: restricted ? "" : item.sourceTitle)
        }
        return try templates.render(QueuePage(
            frame: frame("Case queue", user: user),
            concernOptions: options(Concern.allCases.map { ($0.rawValue, $0.displayName) }, selected: filter.concern?.rawValue),
            ownerOptions: options(owners.map { ($0, $0) }, selected: filter.owner),
            statusOptions: options(statuses, selected: filter.status),
            sourceOptions: options(sources.map { ($0, $0) }, selected: filter.source),
            count: "\(cases.count) case\(cases.count == 1 ? "" : "s"), overdue and at risk first.",
            cases: entries, hasCases: !entries.isEmpty
        ), with: "queue")
    }

    // MARK: Case

    private struct CasePage {
        let frame: Frame
        let number: Int64
        let concern: String
        let flag: Flag?
        let notice: NoticeView?
        let status: String
        let due: String
        let owner: String
        let approval: String
        let concerns: String
        let posts: [Post]
        let drafts: [DraftView]
        let actions: Actions?
        let isReadOnly: Bool
        let audit: [AuditRow]
    }

    /// One post of the case, with what drove its sentiment and the evidence for each concern.
    private struct Post {
        let title: String
        let snippet: String
        let seenIn: String
        let link: String?
        let sentiment: String
        let drivers: [Driver]
        let hasDrivers: Bool
        let evidence: [String]
        let hasEvidence: Bool

        /// A word that drove the sentiment, and whether it is the last listed.
        struct Driver {
            let word: String
            let isLast: Bool
        }
    }

    /// A draft with what the draft check found in it.
    private struct DraftView {
        let id: Int64
        let author: String
        let createdAt: String
        let audience: String
        let text: String
        let isReady: Bool
        let problems: [String]
        let notes: [String]
    }

    /// The reply form and the moves the person may make now.
    private struct Actions {
        let csrfToken: String
        let audiences: [Option]
        let draftText: String
        /// The draft a senior leader approves: the one shown, never one saved after the page was opened.
        let draftToApprove: Int64?
        let canMarkResponded: Bool
    }

    private struct AuditRow {
        let at: String
        let actor: String
        let action: String
        let change: String
        let reason: String
    }

    func casePage(
        _ record: Store.CaseRecord, user: SignedInUser, notice: Notice?, draftText: String?, latestDraftProblems: [DraftProblem], at now: Date
    ) throws(TemplateError) -> String {
        let item = record.summary
        let formatter = self.formatter
        let posts = record.findings.map { finding in
            let drivers = finding.sentiment.drivers.prefix(8)
            return Post(
                title: finding.title.isEmpty ? "Untitled post" : finding.title, snippet: finding.snippet,
                seenIn: "Seen in \(finding.sourceTitles.joined(separator: ", "))"
                    + (finding.published.map { " · published \(formatter.string(from: $0))" } ?? ""),
                link: Self.webAddress(finding.link),
                sentiment: "Sentiment \(String(format: "%+.2f", finding.sentiment.compound)) (\(finding.sentiment.label.rawValue))",
                drivers: drivers.enumerated().map { Post.Driver(word: $0.element, isLast: $0.offset == drivers.count - 1) },
                hasDrivers: !drivers.isEmpty,
                evidence: finding.concerns.map { concern in
                    "\(concern.displayName) (\(String(format: "%.2f", concern.confidence))): " + concern.evidence.map { "“\($0)”" }.joined(separator: ", ")
                },
                hasEvidence: !finding.concerns.isEmpty)
        }
        let drafts = record.drafts.enumerated().map { index, draft in
            let isLatest = index == record.drafts.count - 1
            // The latest draft is checked again now; a senior check still to come is a note, not a problem.
            let problems = isLatest ? latestDraftProblems.filter(\.isBlocking).map(\.description) : draft.problems
            return DraftView(id: draft.id, author: draft.author, createdAt: formatter.string(from: draft.createdAt), audience: draft.audience,
                             text: draft.text, isReady: problems.isEmpty, problems: problems,
                             notes: isLatest ? latestDraftProblems.filter { !$0.isBlocking }.map(\.description) : [])
        }
        var actions: Actions?
        if user.role.canAct && item.status.isOpen {
            let usual = Audience.usual(for: item.primaryConcern)
            actions = Actions(
                csrfToken: user.csrfToken,
                audiences: Audience.allCases.map { Option(value: $0.rawValue, label: $0.rawValue, isSelected: $0 == usual) },
                draftText: draftText ?? record.drafts.last?.text ?? "",
                draftToApprove: item.status == .awaitingApproval && user.role.canApprove ? record.drafts.last?.id : nil,
                canMarkResponded: (try? CaseStateMachine().apply(.markResponded, to: item.status, needsApproval: item.needsApproval)) != nil)
        }
        return try templates.render(CasePage(
            frame: frame("Case \(item.id.rawValue)", user: user),
            number: item.id.rawValue, concern: item.primaryConcern.displayName, flag: flag(item, at: now), notice: notice.map(NoticeView.init),
            status: item.status.rawValue,
            due: formatter.string(from: item.dueAt) + (item.wasOverdueWhenFound ? " (already overdue when found)" : ""),
            owner: item.owner.rawValue + (item.assignee.map { ", assigned to \($0)" } ?? ""),
            approval: item.needsApproval ? "A senior leader approves the reply" : "Not needed",
            concerns: item.concerns.map(\.displayName).joined(separator: ", "),
            posts: posts, drafts: drafts, actions: actions, isReadOnly: !user.role.canAct,
            audit: record.audit.map { entry in
                AuditRow(at: formatter.string(from: entry.at), actor: entry.actor, action: entry.action,
                         change: (entry.from.map { $0.rawValue + " → " } ?? "") + entry.to.rawValue, reason: entry.reason ?? "")
            }
        ), with: "case")
    }
}
