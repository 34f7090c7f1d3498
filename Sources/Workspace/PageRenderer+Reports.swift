import Digest
import Foundation
import Model
import Storage

extension PageRenderer {
    /// Whether the person may read this post: safeguarding posts are for the DSL and senior leaders.
    func isRestricted(_ finding: FindingSummary, for user: SignedInUser) -> Bool {
        !user.role.canSeeSafeguarding && finding.concerns.contains { $0.concern == .safeguarding }
    }

    /// One mention as a list entry: title, snippet, sources, sentiment and concerns (or a
    /// placeholder when the person may not read it).
    func mentionEntry(_ finding: FindingSummary, user: SignedInUser) -> String {
        if isRestricted(finding, for: user) {
            return "<li class=\"case\"><p class=\"case-title\">Safeguarding post (restricted to the DSL and senior leaders)</p>"
                + "<p class=\"meta\">Found \(escape(formatter.string(from: finding.discoveredAt)))</p></li>"
        }
        var title = escape(finding.title.isEmpty ? "Untitled post" : finding.title)
        if let url = finding.link, ["http", "https"].contains(url.scheme?.lowercased() ?? "") {
            title = "<a href=\"\(escape(url.absoluteString))\" rel=\"noopener noreferrer\">\(title)</a>"
        }
        let concerns = finding.concerns.map(\.displayName).joined(separator: ", ")
        return """
        <li class="case">
        <p class="case-title">\(title)</p>
        <p class="snippet">\(escape(finding.snippet))</p>
        <p class="meta">\(escape(finding.sourceTitles.joined(separator: ", "))) · found \(escape(formatter.string(from: finding.discoveredAt))) \
        · sentiment \(escape(String(format: "%+.2f", finding.sentiment.compound)))\(concerns.isEmpty ? "" : " · " + escape(concerns))</p>
        </li>
        """
    }

    func digestPage(_ digest: Digest, lastSaved: Store.DigestRecord?, user: SignedInUser) -> String {
        let digestRenderer = DigestRenderer()
        var body = """
        <h1>Digest: \(escape(digest.dayTitle))</h1>
        <form method="get" action="/digest" class="filters">
        <div><label for="date">Day</label><input id="date" name="date" type="date" value="\(escape(digest.dayKey))"></div>
        <div><button type="submit">Show</button></div>
        </form>
        <p class="meta">Up to \(escape(formatter.string(from: digest.generatedAt))).
        """
        if let lastSaved {
            let sent = lastSaved.sentAt.map { "emailed \(formatter.string(from: $0))" }
                ?? "not emailed yet" + (lastSaved.lastSendError.map { " (last attempt: \($0))" } ?? "")
            body += " The last digest written covers \(escape(lastSaved.day)), \(escape(sent))."
        }
        body += "</p><dl class=\"stats\">"
        for (label, value) in digestRenderer.headline(digest) {
            body += "<div><dt>\(escape(label))</dt><dd>\(escape(value))</dd></div>"
        }
        body += "</dl><h2>Needs attention now</h2>"
        let attention = digestRenderer.attentionRows(digest)
        if attention.isEmpty {
            body += "<p>Nothing is overdue, at risk, urgent or due today.</p>"
        } else {
            body += "<table class=\"grid\"><thead><tr><th scope=\"col\">Why</th><th scope=\"col\">Case</th><th scope=\"col\">Due</th>"
                + "<th scope=\"col\">Owner</th></tr></thead><tbody>"
            for (reason, item) in attention {
                let restricted = isRestricted(item, for: user)
                let title = restricted ? "Safeguarding case (restricted)" : item.title
                let link = restricted ? escape(title) : "<a href=\"/cases/\(item.id.rawValue)\">\(escape(title))</a>"
                body += "<tr><td>\(escape(reason))</td><td>Case \(item.id.rawValue): \(link)</td>"
                    + "<td>\(escape(formatter.string(from: item.dueAt)))</td>"
                    + "<td>\(escape(item.owner.rawValue))\(item.assignee.map { " (\(escape($0)))" } ?? "")</td></tr>"
            }
            body += "</tbody></table>"
        }
        body += "<h2>Sentiment</h2>"
        body += sentimentBars(digest.dailySentiment(days: 7), caption: "Last 7 days: mean sentiment of each day's mentions")
        body += sentimentBars(digest.dailySentiment(days: 30), caption: "Last 30 days")
        body += "<h2>Responses and detection</h2><ul>"
            + digestRenderer.responseLines(digest).map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
        body += "<h2>New mentions by concern</h2>"
        if digest.findingsByConcern.isEmpty { body += "<p>No new mentions in this period.</p>" }
        for group in digest.findingsByConcern {
            body += "<h3>\(escape(group.title)) (\(group.findings.count))</h3><ol class=\"queue\">"
                + group.findings.map { mentionEntry($0, user: user) }.joined() + "</ol>"
        }
        body += "<h2>Failing feeds</h2>"
        if digest.failingSources.isEmpty {
            body += "<p>Every feed answered on its last fetch.</p>"
        } else {
            body += "<ul>" + digest.failingSources.map { source in
                "<li>\(escape(source.title)) (\(escape(AddressRedaction.redacted(source.url)))): \(source.consecutiveErrors) failure\(source.consecutiveErrors == 1 ? "" : "s") "
                    + "in a row; \(escape(source.lastError))</li>"
            }.joined() + "</ul>"
        }
        return layout(title: "Digest", user: user, body: body)
    }

    /// A table of days with a bar each way from zero, drawn with style-sheet classes (the
    /// Content-Security-Policy allows no inline styles): `w0` to `w20` are 0 % to 100 % in 5 % steps.
    private func sentimentBars(_ days: [DailySentiment], caption: String) -> String {
        var html = "<table class=\"bars\"><caption>\(escape(caption))</caption><thead><tr><th scope=\"col\">Day</th>"
            + "<th scope=\"col\"><span class=\"visually-hidden\">Negative</span></th><th scope=\"col\"><span class=\"visually-hidden\">Positive</span></th>"
            + "<th scope=\"col\">Mean</th><th scope=\"col\">Mentions</th></tr></thead><tbody>"
        for day in days {
            let step = Int((min(1, abs(day.meanCompound)) * 20).rounded())
            let negative = day.meanCompound < 0 && step > 0 ? "<span class=\"bar negative w\(step)\"></span>" : ""
            let positive = day.meanCompound > 0 && step > 0 ? "<span class=\"bar positive w\(step)\"></span>" : ""
            html += "<tr><th scope=\"row\">\(escape(day.day))</th><td class=\"left\">\(negative)</td><td>\(positive)</td>"
                + "<td>\(escape(String(format: "%+.2f", day.meanCompound)))</td><td>\(day.mentions)</td></tr>"
        }
        return html + "</tbody></table>"
    }

    func feedsPage(_ sources: [Store.SourceRecord], user: SignedInUser) -> String {
        let failing = sources.filter { !$0.state.isHealthy }.count
        var body = """
        <h1>Feeds and pages</h1>
        <p class="count">\(sources.count) source\(sources.count == 1 ? "" : "s"), \(failing) failing. Failing sources first.</p>
        """
        guard !sources.isEmpty else { return layout(title: "Feeds", user: user, body: body + "<p>No scan has registered a source yet.</p>") }
        body += "<table class=\"grid\"><thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Health</th><th scope=\"col\">Last fetched</th>"
            + "<th scope=\"col\">Last changed</th><th scope=\"col\">Next due</th></tr></thead><tbody>"
        func time(_ date: Date?) -> String { date.map { escape(formatter.string(from: $0)) } ?? "never" }
        for source in sources {
            let state = source.state
            let health = state.isHealthy
                ? "<span class=\"flag ok\">OK</span>"
                : "<span class=\"flag overdue\">Failing</span> \(state.consecutiveErrors) in a row: \(escape(state.lastError ?? "unknown error"))"
            body += "<tr><td>\(escape(source.title)) \(source.kind.map { "<span class=\"meta\">(\(escape($0.rawValue)))</span>" } ?? "")<br>"
                + "<span class=\"meta url\">\(escape(AddressRedaction.redacted(state.currentURL)))</span></td><td>\(health)</td>"
                + "<td>\(time(state.lastFetchedAt))</td><td>\(time(state.lastChangedAt))</td><td>\(time(state.nextDueAt))</td></tr>"
        }
        body += "</tbody></table>"
        return layout(title: "Feeds", user: user, body: body)
    }

    func mentionsPage(_ findings: [FindingSummary], search: MentionSearch, user: SignedInUser) -> String {
        var body = """
        <h1>Mentions</h1>
        <form method="get" action="/mentions" class="filters" role="search">
        <div><label for="q">Words</label><input id="q" name="q" type="search" value="\(escape(search.text))"></div>
        <div><label for="concern">Concern</label><select id="concern" name="concern">\(options(Concern.allCases.map { ($0.rawValue, $0.displayName) }, selected: search.concern?.rawValue))</select></div>
        <div><label for="sentiment">Sentiment</label><select id="sentiment" name="sentiment">\(options(SentimentLabel.allCases.map { ($0.rawValue, $0.rawValue) }, selected: search.sentiment?.rawValue))</select></div>
        <div><button type="submit">Search</button></div>
        </form>
        <p class="count">\(findings.count == MentionSearch.pageSize ? "The newest \(findings.count)" : "\(findings.count)") mention\(findings.count == 1 ? "" : "s"), newest first.</p>
        """
        body += findings.isEmpty ? "<p>No mentions match.</p>" : "<ol class=\"queue\">" + findings.map { mentionEntry($0, user: user) }.joined() + "</ol>"
        return layout(title: "Mentions", user: user, body: body)
    }
}
