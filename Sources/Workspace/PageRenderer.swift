import Foundation
import Model
import Storage
import Workflow

/// Renders the workspace's pages as HTML strings, escaping every value.
///
/// No scripts and no inline styles: the Content-Security-Policy forbids both; the look comes from
/// /static/style.css.
struct PageRenderer {
    let settings: WorkspaceSettings
    let now: Date

    /// A message shown at the top of a page.
    struct Notice: Sendable {
        var isError: Bool
        var text: String
    }

    func escape(_ text: String) -> String { MarkupText.escaped(text) }

    var formatter: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = settings.timeZone
        formatter.dateFormat = "EEE d MMM HH:mm"
        return formatter
    }

    func layout(title: String, user: SignedInUser?, body: String) -> String {
        var header = "<header class=\"top\"><p class=\"brand\"><a href=\"/\">Earshot</a> <span>\(escape(settings.schoolName))</span></p>"
        if let user {
            header += """
            <nav aria-label="Workspace"><ul class="nav"><li><a href="/">Cases</a></li><li><a href="/mentions">Mentions</a></li>\
            <li><a href="/digest">Digest</a></li><li><a href="/feeds">Feeds</a></li></ul></nav>
            """
            header += """
            <form method="post" action="/logout" class="signout">\(csrfField(user.csrfToken))<span>\(escape(user.name)) \
            (\(escape(user.role.displayName)))</span> <button type="submit">Sign out</button></form>
            """
        }
        header += "</header>"
        return """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) · Earshot</title>
        <link rel="stylesheet" href="/static/style.css">
        </head>
        <body>
        <a class="skip" href="#main">Skip to main content</a>
        \(header)
        <main id="main" tabindex="-1">
        \(body)
        </main>
        </body>
        </html>
        """
    }

    /// The options of a filter's `<select>`: "Any" (the empty value) first, then `values` as
    /// value and label, with `selected` marked.
    func options(_ values: [(String, String)], selected: String?) -> String {
        ([("", "Any")] + values).map { value, label in
            "<option value=\"\(escape(value))\"\(value == (selected ?? "") ? " selected" : "")>\(escape(label))</option>"
        }.joined()
    }

    func csrfField(_ token: String) -> String {
        "<input type=\"hidden\" name=\"csrf_token\" value=\"\(escape(token))\">"
    }

    func noticeBlock(_ notice: Notice?) -> String {
        guard let notice else { return "" }
        return "<p class=\"notice\(notice.isError ? " error" : "")\" role=\"\(notice.isError ? "alert" : "status")\">\(escape(notice.text))</p>"
    }

    // MARK: Pages

    func loginPage(csrfToken: String, message: String?) -> String {
        layout(title: "Sign in", user: nil, body: """
        <h1>Sign in</h1>
        \(noticeBlock(message.map { Notice(isError: true, text: $0) }))
        <form method="post" action="/login" class="stack">
        \(csrfField(csrfToken))
        <label for="name">Name</label>
        <input id="name" name="name" type="text" autocomplete="username" required autofocus>
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Sign in</button>
        </form>
        """)
    }

    func errorPage(_ error: WorkspaceError) -> String {
        let heading = switch error.status {
        case 403: "Not allowed"
        case 404: "Not found"
        case 409: "Not possible now"
        case 400: "Something is missing"
        default: "Something went wrong"
        }
        return layout(title: heading, user: nil, body: """
        <h1>\(heading)</h1>
        <p class="notice error" role="alert">\(escape(error.message))</p>
        <p><a href="/">Back to the case queue</a></p>
        """)
    }

    /// Whether the person may read this case's posts.
    func isRestricted(_ item: CaseSummary, for user: SignedInUser) -> Bool {
        !user.role.canSeeSafeguarding && item.touchesSafeguarding
    }

    func flag(_ item: CaseSummary) -> String {
        if item.isOverdue(at: now) { return "<span class=\"flag overdue\">Overdue</span>" }
        if item.isAtRisk(at: now) { return "<span class=\"flag risk\">At risk</span>" }
        return ""
    }

    func queuePage(_ cases: [CaseSummary], filter: QueueFilter, user: SignedInUser, owners: [String], sources: [String]) -> String {
        let statuses = [("all", "All, open or not")] + CaseStatus.allCases.map { ($0.rawValue, $0.rawValue) }
        var body = """
        <h1>Case queue</h1>
        <form method="get" action="/" class="filters">
        <div><label for="concern">Concern</label><select id="concern" name="concern">\(options(Concern.allCases.map { ($0.rawValue, $0.displayName) }, selected: filter.concern?.rawValue))</select></div>
        <div><label for="owner">Owner</label><select id="owner" name="owner">\(options(owners.map { ($0, $0) }, selected: filter.owner))</select></div>
        <div><label for="status">Status</label><select id="status" name="status">\(options(statuses, selected: filter.status))</select></div>
        <div><label for="source">Source</label><select id="source" name="source">\(options(sources.map { ($0, $0) }, selected: filter.source))</select></div>
        <div><button type="submit">Filter</button></div>
        </form>
        <p class="count">\(cases.count) case\(cases.count == 1 ? "" : "s"), overdue and at risk first.</p>
        """
        guard !cases.isEmpty else { return layout(title: "Case queue", user: user, body: body + "<p>No cases match.</p>") }
        let formatter = self.formatter
        body += "<ol class=\"queue\">"
        for item in cases {
            let restricted = isRestricted(item, for: user)
            let title = restricted ? "Safeguarding case (restricted to the DSL and senior leaders)" : item.title
            let link = restricted ? escape(title) : "<a href=\"/cases/\(item.id.rawValue)\">\(escape(title))</a>"
            body += """
            <li class="case">
            <p class="case-title">\(link) \(flag(item))</p>
            <p class="meta">Case \(item.id.rawValue) · due \(escape(formatter.string(from: item.dueAt))) · \(escape(item.status.rawValue)) \
            · \(escape(item.primaryConcern.displayName)) · owner \(escape(item.owner.rawValue))\(item.assignee.map { " (\(escape($0)))" } ?? "")\
            \(item.needsApproval ? " · senior leader approves" : "")</p>
            \(restricted ? "" : "<p class=\"snippet\">\(escape(item.snippet))</p><p class=\"meta\">\(escape(item.sourceTitle))</p>")
            </li>
            """
        }
        body += "</ol>"
        return layout(title: "Case queue", user: user, body: body)
    }

    func casePage(
        _ record: Store.CaseRecord, user: SignedInUser, notice: Notice?, draftText: String?, latestDraftProblems: [DraftProblem]
    ) -> String {
        let item = record.summary
        let formatter = self.formatter
        var body = """
        <p><a href="/">← Case queue</a></p>
        <h1>Case \(item.id.rawValue): \(escape(item.primaryConcern.displayName)) \(flag(item))</h1>
        \(noticeBlock(notice))
        <dl class="facts">
        <dt>Status</dt><dd>\(escape(item.status.rawValue))</dd>
        <dt>Due</dt><dd>\(escape(formatter.string(from: item.dueAt)))\(item.wasOverdueWhenFound ? " (already overdue when found)" : "")</dd>
        <dt>Owner</dt><dd>\(escape(item.owner.rawValue))\(item.assignee.map { ", assigned to \(escape($0))" } ?? "")</dd>
        <dt>Approval</dt><dd>\(item.needsApproval ? "A senior leader approves the reply" : "Not needed")</dd>
        <dt>Concerns</dt><dd>\(escape(item.concerns.map(\.displayName).joined(separator: ", ")))</dd>
        </dl>
        <h2>Posts</h2>
        """
        for finding in record.findings {
            var link = ""
            if let url = finding.link, ["http", "https"].contains(url.scheme?.lowercased() ?? "") {
                link = " · <a href=\"\(escape(url.absoluteString))\" rel=\"noopener noreferrer\">open the post</a>"
            }
            body += """
            <article class="post">
            <h3>\(escape(finding.title.isEmpty ? "Untitled post" : finding.title))</h3>
            <blockquote>\(escape(finding.snippet))</blockquote>
            <p class="meta">Seen in \(escape(finding.sourceTitles.joined(separator: ", ")))\(finding.published.map { " · published \(escape(formatter.string(from: $0)))" } ?? "")\(link)</p>
            <p>Sentiment \(escape(String(format: "%+.2f", finding.sentiment.compound))) (\(escape(finding.sentiment.label.rawValue)))\
            \(finding.sentiment.drivers.isEmpty ? "" : "; words: " + finding.sentiment.drivers.prefix(8).map { "<mark>\(escape($0))</mark>" }.joined(separator: ", "))</p>
            """
            if !finding.concerns.isEmpty {
                body += "<ul class=\"evidence\">"
                for concern in finding.concerns {
                    body += "<li>\(escape(concern.displayName)) (\(escape(String(format: "%.2f", concern.confidence)))): "
                        + concern.evidence.map { "“\(escape($0))”" }.joined(separator: ", ") + "</li>"
                }
                body += "</ul>"
            }
            body += "</article>"
        }
        body += "<h2>Drafts</h2>"
        if record.drafts.isEmpty { body += "<p>No drafts yet.</p>" }
        for (index, draft) in record.drafts.enumerated() {
            let isLatest = index == record.drafts.count - 1
            // The latest draft is checked again now; a senior check still to come is a note, not a problem.
            let problems = isLatest ? latestDraftProblems.filter(\.isBlocking).map(\.description) : draft.problems
            let notes = isLatest ? latestDraftProblems.filter { !$0.isBlocking }.map(\.description) : []
            body += """
            <article class="draft">
            <p class="meta">Draft \(draft.id) by \(escape(draft.author)), \(escape(formatter.string(from: draft.createdAt))), for \(escape(draft.audience))</p>
            <pre>\(escape(draft.text))</pre>
            """
            body += problems.isEmpty
                ? "<p class=\"check ok\">Draft check: ready.</p>"
                : "<p class=\"check\">Draft check:</p><ul class=\"problems\">" + problems.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
            body += notes.map { "<p class=\"meta\">Note: \(escape($0)).</p>" }.joined()
            body += "</article>"
        }
        if user.role.canAct && item.status.isOpen {
            body += actionForms(item, user: user, draftText: draftText ?? record.drafts.last?.text ?? "", latestDraftID: record.drafts.last?.id)
        } else if !user.role.canAct {
            body += "<p class=\"notice\">Your account is read only.</p>"
        }
        body += "<h2>Audit trail</h2><table class=\"audit\"><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th>"
            + "<th scope=\"col\">What</th><th scope=\"col\">Status</th><th scope=\"col\">Why</th></tr></thead><tbody>"
        for entry in record.audit {
            body += "<tr><td>\(escape(formatter.string(from: entry.at)))</td><td>\(escape(entry.actor))</td><td>\(escape(entry.action))</td>"
                + "<td>\(escape((entry.from.map { $0.rawValue + " → " } ?? "") + entry.to.rawValue))</td><td>\(escape(entry.reason ?? ""))</td></tr>"
        }
        body += "</tbody></table>"
        return layout(title: "Case \(item.id.rawValue)", user: user, body: body)
    }

    private func actionForms(_ item: CaseSummary, user: SignedInUser, draftText: String, latestDraftID: Int64?) -> String {
        let id = item.id.rawValue
        let token = csrfField(user.csrfToken)
        let usual = Audience.usual(for: item.primaryConcern)
        let audiences = Audience.allCases.map { audience in
            "<option value=\"\(audience.rawValue)\"\(audience == usual ? " selected" : "")>\(escape(audience.rawValue))</option>"
        }.joined()
        var forms = """
        <h2>Reply</h2>
        <form method="post" action="/cases/\(id)/draft" class="stack" id="draft-form">
        \(token)
        <label for="audience">Audience</label>
        <select id="audience" name="audience">\(audiences)</select>
        <label for="text">Draft reply</label>
        <textarea id="text" name="text" rows="8" required aria-describedby="live-check">\(escape(draftText))</textarea>
        <div id="live-check" aria-live="polite"></div>
        <button type="submit">Check and save draft</button>
        </form>
        <script src="/static/draft-check.js" defer></script>
        <h2>Actions</h2>
        <div class="actions">
        """
        if item.status == .awaitingApproval && user.role.canApprove, let latestDraftID {
            // Names the draft shown, so that a draft saved meanwhile is never approved unread.
            forms += "<form method=\"post\" action=\"/cases/\(id)/approve\">\(token)"
                + "<input type=\"hidden\" name=\"draft\" value=\"\(latestDraftID)\">"
                + "<button type=\"submit\">Approve the latest draft</button></form>"
        }
        let canRespond = (try? CaseStateMachine().apply(.markResponded, to: item.status, needsApproval: item.needsApproval)) != nil
        if canRespond {
            forms += "<form method=\"post\" action=\"/cases/\(id)/respond\">\(token)<button type=\"submit\">Mark responded</button></form>"
        }
        forms += """
        <form method="post" action="/cases/\(id)/escalate" class="stack">\(token)
        <label for="escalate-reason">Reason to escalate</label><input id="escalate-reason" name="reason" type="text" required>
        <button type="submit">Escalate</button></form>
        <form method="post" action="/cases/\(id)/dismiss" class="stack">\(token)
        <label for="dismiss-reason">Reason to dismiss</label><input id="dismiss-reason" name="reason" type="text" required>
        <button type="submit">Dismiss</button></form>
        </div>
        """
        return forms
    }
}
