import Digest
import Foundation
import Hummingbird
import Model
import Storage

extension Workspace {
    /// The day's digest as it stands now: from the start of the local day (or of the day named
    /// `YYYY-MM-DD`) to now, with the same figures the emailed digest carries.
    func digestPage(day: String?, user: SignedInUser, at now: Date) async throws -> Response {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = settings.timeZone
        var start = calendar.startOfDay(for: now)
        if let day, !day.isEmpty {
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
        let school = user.school
        let (digest, lastSaved) = try await storage.perform { store in
            let past = try store.history(since: end.addingTimeInterval(-31 * 86_400), school: school)
            let sources = try store.sourceRecords()
            let digest = Digest(
                schoolName: school.flatMap { settings.schoolNames[$0] } ?? settings.schoolName,
                generatedAt: end,
                attentionAt: now,
                timeZone: settings.timeZone,
                findings: try store.findings(discoveredFrom: windowStart, to: endOfDay, school: school),
                openCases: try store.openCases(school: school),
                fetchStates: sources.map(\.state),
                sourceTitles: Dictionary(sources.map { ($0.state.sourceID, $0.title) }, uniquingKeysWith: { first, _ in first }),
                sentimentHistory: past.sentiment,
                responseHistory: past.responses,
                urgentConcerns: settings.urgentConcerns
            )
            return (digest, school == nil ? try store.lastDigest() : try store.lastRegularDigest(school: school))
        }
        return .page(try pages.digestPage(digest, lastSaved: lastSaved, user: user))
    }

    /// Every known source with how its fetches went, failing ones first.
    func feedsPage(user: SignedInUser) async throws -> Response {
        let sources = try await storage.perform { try $0.sourceRecords() }
        let ordered = sources.sorted { ($0.state.isHealthy ? 1 : 0, $0.title) < ($1.state.isHealthy ? 1 : 0, $1.title) }
        return .page(try pages.feedsPage(ordered, user: user))
    }

    /// Mentions whose title or text holds every word searched for, newest first, narrowed by
    /// concern and sentiment. Roles that may not read safeguarding posts do not search them at
    /// all, so a search cannot tell them what such a post says.
    func mentionsPage(_ search: MentionSearch, user: SignedInUser) async throws -> Response {
        let hidden: Concern? = user.canSeeSafeguarding ? nil : .safeguarding
        let school = user.school
        let found = try await storage.perform { store in
            try store.searchFindings(search.text, concern: search.concern, sentiment: search.sentiment, hiding: hidden,
                                     school: school, limit: MentionSearch.pageSize)
        }
        return .page(try pages.mentionsPage(found, search: search, user: user))
    }
}
