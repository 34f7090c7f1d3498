import Fetching
import Foundation
import Testing

@Suite struct RobotsPolicyTests {
    func url(_ path: String) -> URL { URL(string: "https://site.example\(path)")! }

    @Test func theLongestMatchWinsAndAllowWinsATie() {
        let robots = RobotsPolicy(parsing: """
            User-agent: *
            Disallow: /private
            Allow: /private/news
            Disallow: /tie
            Allow: /tie
            """, userAgent: "Earshot")
        #expect(!robots.allows(url("/private/staff")))
        #expect(robots.allows(url("/private/news/today")))
        #expect(robots.allows(url("/tie")))
        #expect(robots.allows(url("/public")))
    }

    @Test func aGroupNamingTheCrawlerReplacesTheStarGroup() {
        let robots = RobotsPolicy(parsing: """
            User-agent: *
            Disallow: /

            User-agent: earshot
            User-agent: otherbot
            Disallow: /forum/private
            Crawl-delay: 5
            """, userAgent: "Earshot")
        #expect(robots.allows(url("/news")))
        #expect(!robots.allows(url("/forum/private/1")))
        #expect(robots.crawlDelay == .seconds(5))
    }

    @Test(arguments: [("1e300", Duration.seconds(86_400)), ("inf", nil), ("nan", nil), ("-3", nil), ("2.5", .milliseconds(2500))])
    func anExtremeCrawlDelayIsCappedOrIgnoredNeverATrap(value: String, expected: Duration?) {
        let robots = RobotsPolicy(parsing: "User-agent: *\nCrawl-delay: \(value)\n", userAgent: "Earshot")
        #expect(robots.crawlDelay == expected)
    }

    @Test func anEmptyUserAgentLineNamesNobody() {
        let robots = RobotsPolicy(parsing: """
            User-agent:
            Disallow: /

            User-agent: *
            Disallow: /private
            """, userAgent: "Earshot")
        #expect(robots.allows(url("/news")))
        #expect(!robots.allows(url("/private/1")))
    }

    @Test func wildcardsAndEndAnchorsMatchAsTheRFCDescribes() {
        let robots = RobotsPolicy(parsing: """
            User-agent: *
            Disallow: /*.pdf$
            Disallow: /search*q=
            """, userAgent: "Earshot")
        #expect(!robots.allows(url("/files/letter.pdf")))
        #expect(robots.allows(url("/files/letter.pdf.html")))
        #expect(!robots.allows(url("/search?page=2&q=school")))
        #expect(robots.allows(url("/search?page=2")))
    }

    @Test func anEmptyDisallowAllowsEverythingAndCommentsAreIgnored() {
        let robots = RobotsPolicy(parsing: "User-agent: * # everyone\nDisallow:\n", userAgent: "Earshot")
        #expect(robots.allows(url("/anything")))
    }

    @Test func robotsTxtItselfIsAlwaysAllowed() {
        #expect(RobotsPolicy.disallowAll.allows(url("/robots.txt")))
        #expect(!RobotsPolicy.disallowAll.allows(url("/feed")))
    }
}
