import Digest
import Foundation
import Model
import Storage

extension Workspace {
    /// The day's digest as it stands now: from the start of the local day (or of `?date=YYYY-MM-DD`)
    /// to now, with the same figures the emailed digest carries.
    func digestPage(_ request: WorkspaceRequest, user: SignedInUser, renderer: PageRenderer) async throws -> WorkspaceResponse {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = settings.timeZone
        let now = renderer.now
        var start = calendar.startOfDay(for: now)
        if let day = request.query["date"], !day.isEmpty {
            guard let chosen = Digest.startOfDay(named: day, in: settings.timeZone) else {
                throw WorkspaceError.badRequest("Choose a day such as 2026-11-25.")
            }
            start = chosen
        }
        let endOfDay = calendar.date(byAdding: .day, value: 1, to: start) ?? now
        // A past day is reported as it stood at its last second, so that it keeps its own date.
        let end = min(endOfDay.addingTimeInterval(-1), now)
        guard start <= now else { throw WorkspaceError.badRequest("That day has not come yet.") }
        let settings = self.settings
        let windowStart = start
        let (digest, lastSaved) = try await storage.perform { store in
            let past = try store.history(since: end.addingTimeInterval(-31 * 86_400))
            let sources = try store.sourceRecords()
            let digest = Digest(
                schoolName: settings.schoolName,
                generatedAt: end,
                attentionAt: now,
                timeZone: settings.timeZone,
                findings: try store.findings(discoveredFrom: windowStart, to: endOfDay),
                openCases: try store.openCases(),
                fetchStates: sources.map(\.state),
                sourceTitles: Dictionary(sources.map { ($0.state.sourceID, $0.title) }, uniquingKeysWith: { first, _ in first }),
                sentimentHistory: past.sentiment,
                responseHistory: past.responses,
                urgentConcerns: settings.urgentConcerns
            )
            return (digest, try store.lastDigest())
        }
        return .html(renderer.digestPage(digest, lastSaved: lastSaved, user: user))
    }

    /// Every known source with how its fetches went, failing ones first.
    func feedsPage(user: SignedInUser, renderer: PageRenderer) async throws -> WorkspaceResponse {
        let sources = try await storage.perform { try $0.sourceRecords() }
        let ordered = sources.sorted { ($0.state.isHealthy ? 1 : 0, $0.title) < ($1.state.isHealthy ? 1 : 0, $1.title) }
        return .html(renderer.feedsPage(ordered, user: user))
    }

    /// Mentions whose title or text holds every word of `?q=`, newest first, narrowed by concern and
    /// sentiment. Roles that may not read safeguarding posts do not search them at all, so a search
    /// cannot tell them what such a post says.
    func mentionsPage(_ request: WorkspaceRequest, user: SignedInUser, renderer: PageRenderer) async throws -> WorkspaceResponse {
        let search = MentionSearch(query: request.query)
        let hidden: Concern? = user.role.canSeeSafeguarding ? nil : .safeguarding
        let found = try await storage.perform { store in
            try store.searchFindings(search.text, concern: search.concern, sentiment: search.sentiment, hiding: hidden,
                                     limit: MentionSearch.pageSize)
        }
        return .html(renderer.mentionsPage(found, search: search, user: user))
    }
}

/// The mentions search, from the page's query.
struct MentionSearch: Sendable {
    /// At most this many mentions are listed.
    static let pageSize = 100

    /// Words that must each appear in a mention's title or text.
    var text: String
    var concern: Concern?
    var sentiment: SentimentLabel?

    init(query: [String: String]) {
        text = (query["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        concern = query["concern"].flatMap(Concern.init(rawValue:))
        sentiment = query["sentiment"].flatMap(SentimentLabel.init(rawValue:))
    }
}
