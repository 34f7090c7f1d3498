import Foundation
import Model
import Storage
import TestSupport
import Testing
import Workflow
import Workspace

/// The workspace over a PostgreSQL store shows and does what it shows and does over an SQLite
/// file: the same pages, and the same record after a draft and a dismissal.
@Suite struct WorkspaceStoreAgreementTests {
    let now = Date(timeIntervalSince1970: 1_795_600_800)

    /// A store at `location` holding a complaint and a safeguarding post and a senior leader's account.
    func fill(_ location: StoreLocation, hasher: PasswordHasher) throws {
        let store = try Store(location: location)
        let forum = Source(url: URL(string: "https://forum.example/thread/1")!, kind: .page, title: "Parents' forum")
        try store.register([forum])
        let posts: [(String, String, Concern, Role)] = [
            ("Parking at Millbrook is appalling", "The way Millbrook handles parking is appalling", .complaint, .communications),
            ("Worried about a pupil", "A pupil at Millbrook said they want to hurt themselves", .safeguarding, .designatedSafeguardingLead),
        ]
        let observations = posts.enumerated().map { index, post in
            let item = Item(key: ItemKey(rawValue: "hash:\(index)"), title: post.0, link: URL(string: "https://forum.example/thread/1#\(index)"),
                            text: post.1)
            let finding = Finding(item: item, source: forum.id, discoveredAt: now, mentions: [],
                                  sentiment: SentimentScore(compound: -0.6, drivers: ["appalling"]),
                                  concerns: [ConcernAssessment(concern: post.2, confidence: 0.9, evidence: ["appalling"])])
            let triage = CaseTriage(primaryConcern: post.2, concerns: [post.2], owner: post.3, clockStartedAt: now,
                                    dueAt: now.addingTimeInterval(3600), needsApproval: true, shouldAlertAtOnce: post.2 == .safeguarding,
                                    wasOverdueWhenFound: false, threadKey: "thread:\(index)", authorKey: nil)
            return SourceScanRecord.Observation(item: item, finding: finding, triage: triage)
        }
        try store.record(SourceScanRecord(state: FetchState(sourceID: forum.id, currentURL: forum.url, lastFetchedAt: now),
                                          observations: observations), joining: CaseJoin.init(joining:to:))
        try store.saveUser(.init(name: "head", role: "slt", passwordHash: hasher.hash("correct horse battery"), createdAt: now))
    }

    /// Signs in, walks the pages, drafts a reply and dismisses a case; returns each page with its
    /// form tokens blanked, and the stored audit trail of both cases.
    func visit(_ location: StoreLocation) async throws -> [String] {
        let hasher = PasswordHasher(iterations: 1_000)
        try fill(location, hasher: hasher)
        let settings = WorkspaceSettings(store: location, schoolName: "Millbrook Academy",
                                         timeZone: TimeZone(identifier: "Europe/London") ?? .gmt,
                                         draftPolicy: DraftPolicy(signature: "The Millbrook team"), usesSecureCookies: false,
                                         urgentConcerns: RoutingPolicy.standard.concernsAlertedAtOnce)
        var pages: [String] = []
        let now = self.now
        try await WorkspaceServer(try Workspace(settings: settings, hasher: hasher), host: "127.0.0.1", port: 0,
                                  readTimeout: .testRunPatience, requestTimeout: .testRunPatience, trustedProxies: ["127.0.0.1"], now: { now })
            .serve(whileRunning: { port in
                var browser = TestBrowser(port: port)
                #expect(await browser.logIn("head").status == 303)
                for target in ["/", "/cases/1", "/cases/2", "/mentions?q=pupil", "/digest", "/feeds"] {
                    let page = await browser.get(target)
                    #expect(page.status == 200, "\(target)")
                    pages.append(page.text)
                }
                let drafted = await browser.post("/cases/1/draft", ["text": "Thank you for telling us. The Millbrook team", "audience": "parent",
                                                                    "csrf_token": browser.csrfToken ?? ""])
                #expect(drafted.status == 303)
                let dismissed = await browser.post("/cases/2/dismiss", ["reason": "already handled by the DSL", "csrf_token": browser.csrfToken ?? ""])
                #expect(dismissed.status == 303)
                pages.append(await browser.get("/").text)
                pages.append(await browser.get("/cases/1").text)
            })
        let store = try Store(location: location)
        for caseID in [CaseID(rawValue: 1), CaseID(rawValue: 2)] {
            pages.append(try store.auditTrail(for: caseID).map { "\($0.actor) \($0.action) \($0.to.rawValue) \($0.reason ?? "")" }
                .joined(separator: "\n"))
        }
        return pages.map { $0.replacing(#/value="[0-9a-f]{16,}"/#, with: "value=\"token\"") }
    }

    @Test(.enabled(if: TestPostgres.shouldRunTests, TestPostgres.missingServer))
    func pagesAndMovesAreTheSameOnPostgreSQLAsOnSQLite() async throws {
        let onSQLite = try await withTemporaryStore(.sqlite) { try await visit($0) }
        let onPostgres = try await withTemporaryStore(.postgres) { try await visit($0) }
        #expect(onPostgres.count == onSQLite.count)
        for (postgres, sqlite) in zip(onPostgres, onSQLite) {
            #expect(postgres == sqlite)
        }
        #expect(onPostgres.last?.contains("dismiss dismissed already handled by the DSL") == true)
    }
}
