import Foundation
import Model
import Storage
import TestSupport
import Testing
import Workspace

/// The digest, feeds and mentions pages: what each shows, to whom, and that the internet's words stay text.
@Suite struct ReportPagesTests {
    @Test func theDigestPageShowsTheDaysFiguresAndHidesSafeguardingPostsFromCommunications() async throws {
        try await withWorkspaceFixture { fixture throws in
            var senior = TestBrowser(fixture)
            await senior.logIn("slt-user")
            let page = await senior.get("/digest")
            #expect(page.status == 200)
            #expect(page.text.contains("<dt>Mentions</dt><dd>2</dd>"))
            #expect(page.text.contains("Worried about a pupil") && page.text.contains("want to hurt themselves"))
            #expect(page.text.contains("Case \(fixture.safeguarding.rawValue): <a href=\"/cases/\(fixture.safeguarding.rawValue)\">"))
            #expect(page.text.contains("Last 7 days") && page.text.contains("class=\"bar negative w12\""))
            #expect(!page.text.contains("<script>") && page.text.contains("&lt;script&gt;"))

            var communications = TestBrowser(fixture)
            await communications.logIn("communications-user")
            let restricted = await communications.get("/digest").text
            #expect(restricted.contains("Safeguarding post (restricted to the DSL and senior leaders)"))
            #expect(!restricted.contains("hurt themselves") && !restricted.contains("Worried about a pupil"))
            #expect(restricted.contains("The way Millbrook handled this was appalling"))
        }
    }

    @Test func theDigestPageTakesAnEarlierDayAndRefusesNonsense() async throws {
        try await withWorkspaceFixture { fixture throws in
            var browser = TestBrowser(fixture)
            await browser.logIn("readonly-user")
            let earlier = await browser.get("/digest?date=2026-01-05")
            #expect(earlier.status == 200)
            #expect(earlier.text.contains("Monday 5 January 2026") && earlier.text.contains("<dt>Mentions</dt><dd>0</dd>"))
            #expect(await browser.get("/digest?date=yesterday").status == 400)
            #expect(await browser.get("/digest?date=2099-01-01").status == 400)
        }
    }

    @Test func theFeedsPageListsFailingSourcesFirstWithTheirErrorsAsText() async throws {
        try await withWorkspaceFixture { fixture throws in
            let store = try Store(path: fixture.databasePath)
            let broken = Source(url: URL(string: "https://broken.example/feed")!, kind: .feed, title: "A <i>broken</i> feed")
            try store.register([broken])
            try store.save(FetchState(sourceID: broken.id, currentURL: broken.url, lastFetchedAt: fixture.now, consecutiveErrors: 3,
                                      lastError: "HTTP 500 <script>x</script>"))
            var browser = TestBrowser(fixture)
            await browser.logIn("moderator-user")
            let page = await browser.get("/feeds").text
            #expect(page.contains("2 sources, 1 failing"))
            let failing = try #require(page.range(of: "A &lt;i&gt;broken&lt;/i&gt; feed"))
            let healthy = try #require(page.range(of: "Parents&#39; forum"))
            #expect(failing.lowerBound < healthy.lowerBound)
            #expect(page.contains("3 in a row: HTTP 500 &lt;script&gt;x&lt;/script&gt;"))
            #expect(!page.contains("<script>"))
        }
    }

    @Test func theMentionsSearchMatchesEveryWordAndFiltersByConcernAndSentiment() async throws {
        try await withWorkspaceFixture { fixture throws in
            var browser = TestBrowser(fixture)
            await browser.logIn("dsl-user")
            let all = await browser.get("/mentions").text
            #expect(all.contains("2 mentions, newest first"))
            let words = await browser.get("/mentions?q=MILLBROOK+appalling").text
            #expect(words.contains("1 mention,") && words.contains("handled this was appalling") && !words.contains("Worried about a pupil"))
            let concern = await browser.get("/mentions?q=&concern=safeguarding&sentiment=negative").text
            #expect(concern.contains("Worried about a pupil") && !concern.contains("handled this"))
            #expect(await browser.get("/mentions?q=%25").text.contains("No mentions match."))
            #expect(await browser.get("/mentions?sentiment=positive").text.contains("No mentions match."))
            let hostile = await browser.get("/mentions?q=%3Cscript%3E").text
            #expect(hostile.contains("value=\"&lt;script&gt;\"") && !hostile.contains("<script>"))

            var communications = TestBrowser(fixture)
            await communications.logIn("communications-user")
            // The search leaves safeguarding posts out, so it cannot tell what one says.
            let restricted = await communications.get("/mentions?q=pupil").text
            #expect(restricted.contains("No mentions match.") && !restricted.contains("Safeguarding post"))
            #expect(await communications.get("/mentions?concern=safeguarding").text.contains("No mentions match."))
            #expect(await communications.get("/mentions").text.contains("1 mention,"))
        }
    }
}
