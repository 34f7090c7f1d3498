import Foundation
import Model
import Storage
import TestSupport
import Testing
import Workspace

/// What one hostile source can put in front of staff: direction controls that reorder a page, a
/// title of megabytes, and the secrets in a feed's own address.
@Suite struct HostileTextPagesTests {
    /// Stores one more complaint from a hostile feed, found at the fixture's time, and returns its case.
    func storeHostilePost(title: String, text: String, in fixture: WorkspaceFixture) throws -> CaseID {
        let feed = Source(url: URL(string: "https://hostile.example/rss")!, kind: .feed, title: "Hostile\u{202E}feed")
        let item = Item(key: ItemKey(rawValue: "id:https://hostile.example/1"), title: title,
                        link: URL(string: "https://hostile.example/1"), text: text)
        let finding = Finding(item: item, source: feed.id, discoveredAt: fixture.now, mentions: [],
                              sentiment: SentimentScore(compound: -0.5, drivers: []),
                              concerns: [ConcernAssessment(concern: .complaint, confidence: 0.9, evidence: [])])
        let triage = CaseTriage(primaryConcern: .complaint, concerns: [.complaint], owner: .communications,
                                clockStartedAt: fixture.now, dueAt: fixture.now.addingTimeInterval(86_400), needsApproval: false,
                                shouldAlertAtOnce: false, wasOverdueWhenFound: false, threadKey: "thread:hostile", authorKey: nil)
        return try #require(try fixture.record(item, from: feed, finding: finding, triage: triage).first)
    }

    @Test func directionControlsInAPostReachNoPage() async throws {
        try await withWorkspaceFixture { fixture throws in
            let caseID = try storeHostilePost(title: "Millbrook\u{202E} txet desrever", text: "Millbrook \u{2066}isolated\u{2069} words",
                                              in: fixture)
            var senior = TestBrowser(fixture)
            await senior.logIn("slt-user")
            for page in ["/", "/mentions", "/digest", "/cases/\(caseID.rawValue)"] {
                let response = await senior.get(page)
                #expect(response.status == 200, "\(page)")
                #expect(!response.text.unicodeScalars.contains { DirectionControls.contains($0.value) }, "\(page)")
                #expect(response.text.contains("Millbrook\u{FFFD} txet desrever"), "\(page)")
            }
        }
    }

    /// A quote followed by a combining mark is one Character: escaped as a Character it would pass
    /// as it is and end the attribute it stands in.
    @Test func aQuoteWithACombiningMarkCannotEndAnAttributeOrAddMarkup() async throws {
        try await withWorkspaceFixture { fixture throws in
            let title = "Millbrook \"\u{301}><img src=x onerror=alert(1)>"
            let caseID = try storeHostilePost(title: title, text: "Millbrook words", in: fixture)
            var senior = TestBrowser(fixture)
            await senior.logIn("slt-user")
            for page in ["/", "/mentions", "/digest", "/cases/\(caseID.rawValue)"] {
                let response = await senior.get(page)
                #expect(response.status == 200, "\(page)")
                #expect(!response.text.contains("<img") && response.text.contains("&quot;\u{301}&gt;&lt;img"), "\(page)")
            }
            let search = await senior.get("/mentions?q=%22%CC%81%20autofocus%20onfocus%3Dalert(1)%20x%3D%22")
            #expect(search.text.contains("value=\"&quot;\u{301} autofocus onfocus=alert(1) x=&quot;\""))
        }
    }

    @Test func aTitleOfMegabytesIsCutOnEveryPage() async throws {
        try await withWorkspaceFixture { fixture throws in
            let caseID = try storeHostilePost(title: "Millbrook " + String(repeating: "spam ", count: 1 << 20),
                                              text: "Millbrook " + String(repeating: "more ", count: 1 << 20), in: fixture)
            var senior = TestBrowser(fixture)
            await senior.logIn("slt-user")
            for page in ["/", "/mentions", "/digest", "/cases/\(caseID.rawValue)"] {
                let response = await senior.get(page)
                #expect(response.status == 200, "\(page)")
                #expect(response.text.utf8.count < 64 * 1024, "\(page): \(response.text.utf8.count) bytes")
                #expect(response.text.contains("Millbrook spam spam"), "\(page)")
            }
        }
    }

    @Test func theFeedsPageShowsEveryRoleAFeedsAddressWithoutItsSecrets() async throws {
        try await withWorkspaceFixture { fixture throws in
            let store = try Store(path: fixture.databasePath)
            let secret = Source(url: URL(string: "https://staff:hunter2@forum.example/private.rss?token=abc123&page=1")!, kind: .feed,
                                title: "Staff forum")
            try store.register([secret])
            try store.save(FetchState(sourceID: secret.id, currentURL: secret.url, lastFetchedAt: fixture.now, consecutiveErrors: 1,
                                      lastError: "HTTP status 503"))
            var browser = TestBrowser(fixture)
            await browser.logIn("readonly-user")
            let page = await browser.get("/feeds").text
            #expect(page.contains("https://REDACTED@forum.example/private.rss?token=REDACTED&amp;page=1"))
            #expect(!page.contains("hunter2") && !page.contains("abc123"))
        }
    }
}
