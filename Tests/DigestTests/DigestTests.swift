import Digest
import Foundation
import Model
import Testing
import Workflow

@Suite struct DigestTests {
    let london = TimeZone(identifier: "Europe/London")!
    /// Wednesday 25 November 2026, 07:00 in London.
    let morning = Date(timeIntervalSince1970: 1_795_590_000)

    func finding(_ title: String, concerns: [Concern], compound: Double = -0.5, link: String? = nil) -> FindingSummary {
        FindingSummary(
            key: ItemKey(rawValue: "id:\(title)"), title: title, snippet: "Snippet of \(title)",
            link: link.flatMap(URL.init(string:)), sourceTitles: ["Gazette"], published: nil, discoveredAt: morning,
            sentiment: SentimentScore(compound: compound, drivers: []),
            concerns: concerns.map { ConcernAssessment(concern: $0, confidence: 0.9, evidence: []) }
        )
    }

    func openCase(_ id: Int64, _ concern: Concern, dueIn hours: Double) -> CaseSummary {
        CaseSummary(
            id: CaseID(rawValue: id), status: .new, primaryConcern: concern, concerns: [concern], owner: .communications,
            openedAt: morning, clockStartedAt: morning, dueAt: morning.addingTimeInterval(hours * 3600),
            needsApproval: false, wasOverdueWhenFound: false, title: "Case \(id)", snippet: "", link: nil, sourceTitle: "Forum"
        )
    }

    func digest(findings: [FindingSummary] = [], cases: [CaseSummary] = [], failing: [FailingSource] = [],
                routing: RoutingPolicy = .standard) -> Digest {
        Digest(schoolName: "Millbrook Academy", generatedAt: morning, timeZone: london,
               findings: findings, openCases: cases, failingSources: failing, urgentConcerns: routing.concernsAlertedAtOnce)
    }

    @Test(arguments: [
        ("2026-11-25", "2026-11-25T00:00:00Z"), ("2026-06-01", "2026-05-31T23:00:00Z"), ("2024-02-29", "2024-02-29T00:00:00Z"),
        ("2026-03-29", "2026-03-29T00:00:00Z"), ("2026-10-25", "2026-10-24T23:00:00Z"),
    ])
    func aDayIsReadAsTheStartOfThatLocalDay(text: String, expected: String) throws {
        let start = try #require(Digest.startOfDay(named: text, in: london))
        #expect(start == ISO8601DateFormatter().date(from: expected))
    }

    @Test(arguments: ["2026-02-30", "2025-02-29", "2026-13-01", "2026-1-05", "2026-01-5", "2026-1-011", "5/1/2026", "", "yesterday",
                      "2026-01-05T00:00", " 2026-01-05", "+026-01-05"])
    func anythingButAnExactDayIsRefused(text: String) {
        #expect(Digest.startOfDay(named: text, in: london) == nil)
    }

    @Test func aPastDaysDigestJudgesOpenCasesAtThePresent() {
        let lastWeek = morning.addingTimeInterval(-7 * 86_400)
        let past = Digest(schoolName: "Millbrook Academy", generatedAt: lastWeek, attentionAt: morning, timeZone: london, findings: [],
                          openCases: [openCase(1, .complaint, dueIn: -1), openCase(2, .complaint, dueIn: 1)], failingSources: [],
                          urgentConcerns: RoutingPolicy.standard.concernsAlertedAtOnce)
        #expect(past.dayKey == "2026-11-18")
        #expect(past.overdueCases.map(\.id.rawValue) == [1])
        #expect(past.atRiskCases.map(\.id.rawValue) == [2])
        #expect(past.casesDueToday.map(\.id.rawValue) == [2])
    }

    /// The urgent cases are those the routing in force alerts at once: bullying among them under the
    /// standard policy, and whatever a school's `alert_at_once` overrides say.
    @Test func urgentCasesFollowTheRoutingInForce() {
        let cases = [openCase(1, .bullying, dueIn: 30), openCase(2, .complaint, dueIn: 30), openCase(3, .pressEnquiry, dueIn: 30)]
        #expect(digest(cases: cases).urgentCases.map(\.id.rawValue) == [1, 3])
        var routing = RoutingPolicy.standard
        routing[.complaint]?.shouldAlertAtOnce = true
        routing[.pressEnquiry]?.shouldAlertAtOnce = false
        #expect(digest(cases: cases, routing: routing).urgentCases.map(\.id.rawValue) == [1, 2])
    }

    @Test func namesTheDayInTheSchoolsTimeZone() {
        let digest = digest()
        #expect(digest.dayKey == "2026-11-25")
        #expect(digest.dayTitle == "Wednesday 25 November 2026")
    }

    @Test func headlineFiguresCountMentionsConcernsAndNetSentiment() {
        let digest = digest(findings: [
            finding("a", concerns: [.complaint], compound: -0.6),
            finding("b", concerns: [.praise], compound: 0.8),
            finding("c", concerns: [], compound: 0.1),
        ])
        #expect(digest.mentionCount == 3)
        #expect(digest.newConcernCount == 1)
        #expect(abs(digest.netSentiment - 0.1) < 1e-9)
    }

    @Test func theDigestSaysHowManyMentionsWereTakenAsHistoryAndHowManyCasesWaitForABackfill() throws {
        let quiet = Digest(schoolName: "Millbrook Academy", generatedAt: morning, timeZone: london,
                           findings: [finding("Lovely fair", concerns: [.praise])], openCases: [], failingSources: [],
                           urgentConcerns: [], mentionsTakenAsHistory: 88, casesHeldBack: 68)
        let line = "Taken as history: 88 mentions published before their source was first read "
            + "(68 would have opened a case; `earshot scan --backfill` opens them)."
        #expect(quiet.mentionCount == 1)
        #expect(DigestRenderer().plainText(quiet).contains("  " + line))
        let html = try DigestRenderer().html(quiet)
        #expect(html.contains("<p>Taken as history: 88 mentions published before their source was first read "), "\(html)")
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(DigestRenderer().figuresJSON(quiet).utf8)) as? [String: Any])
        #expect(figures["mentionsTakenAsHistory"] as? Int == 88 && figures["casesHeldBack"] as? Int == 68)

        let ordinary = digest(findings: [finding("Lovely fair", concerns: [.praise])])
        #expect(ordinary.historyLine == nil)
        #expect(!DigestRenderer().plainText(ordinary).contains("Taken as history"))
    }

    @Test func groupsMentionsByTheirMostSeriousConcern() {
        let digest = digest(findings: [
            finding("praise", concerns: [.praise]),
            finding("both", concerns: [.complaint, .bullying]),
            finding("plain", concerns: []),
        ])
        #expect(digest.findingsByConcern.map(\.title) == ["Bullying", "Praise", "Other mentions"])
    }

    @Test func attentionListsOverdueUrgentAndDueTodayCases() {
        let digest = digest(cases: [
            openCase(1, .complaint, dueIn: -2), openCase(2, .safeguarding, dueIn: 1),
            openCase(3, .question, dueIn: 5), openCase(4, .question, dueIn: 40),
        ])
        #expect(digest.overdueCases.map(\.id.rawValue) == [1])
        #expect(digest.urgentCases.map(\.id.rawValue) == [2])
        #expect(digest.atRiskCases.map(\.id.rawValue) == [2])
        #expect(digest.casesDueToday.map(\.id.rawValue) == [2, 3])
        let text = DigestRenderer().plainText(digest)
        #expect(text.contains("#1 [Overdue]"))
        #expect(text.contains("#2 [At risk]"))
        #expect(text.contains("#3 [Due today]"))
        #expect(!text.contains("#4 ["))
    }

    @Test func escapesEverythingThatCameFromTheInternet() throws {
        let hostile = finding("<script>alert('x')</script>", concerns: [.complaint],
                              link: "https://evil.example/?a=1&b=\"2\"")
        let failing = FailingSource(title: "<img src=x onerror=alert(1)>", url: URL(string: "https://evil.example/feed")!,
                                    consecutiveErrors: 3, lastError: "<b>boom</b>")
        let html = try DigestRenderer().html(digest(findings: [hostile], failing: [failing]))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>boom"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("href=\"https://evil.example/?a=1&amp;b=%222%22\"") || html.contains("href=\"https://evil.example/?a=1&amp;b=&quot;2&quot;\""))
    }

    @Test func directionControlsFromTheInternetReachNeitherTheHTMLNorTheText() throws {
        // A right-to-left override would show the rest of the line, and what follows it, reversed.
        let hostile = finding("Head\u{202E}retsam\u{2066} resigns", concerns: [.complaint])
        var reversedCase = openCase(1, .complaint, dueIn: -1)
        reversedCase.title = "Case \u{202B}one\u{202C}"
        reversedCase.sourceTitle = "Forum\u{2067}"
        let failing = FailingSource(title: "Feed\u{202D}", url: URL(string: "https://feeds.example/rss")!,
                                    consecutiveErrors: 2, lastError: "bad\u{2069}")
        let rendered = digest(findings: [hostile], cases: [reversedCase], failing: [failing])
        for output in [try DigestRenderer().html(rendered), DigestRenderer().plainText(rendered)] {
            #expect(!output.unicodeScalars.contains { DirectionControls.contains($0.value) })
            #expect(output.contains("Head\u{FFFD}retsam\u{FFFD} resigns"))
        }
    }

    @Test func theDigestListsAtMostTwoHundredMentionsAndStaysSmallEnoughToEmail() throws {
        // A busy day of mentions at the longest title, snippet and link Earshot keeps, each title made of
        // the character whose escape is longest.
        let link = "https://news.example/" + String(repeating: "p", count: TextLimits.link - 21)
        let findings = (0..<1_000).map { number in
            var mention = finding(String(repeating: "\"", count: TextLimits.title - 4) + "\(number)", concerns: [.complaint], link: link)
            mention.snippet = String(repeating: "é", count: TextLimits.snippet)
            return mention
        }
        let busy = digest(findings: findings, failing: [])
        let html = try DigestRenderer().html(busy)
        let text = DigestRenderer().plainText(busy)
        #expect(html.components(separatedBy: "<li style=\"margin-bottom:6px\">").count - 1 == 200)
        #expect(html.contains("(1000)</h3>"), "the group heading counts every mention, listed or not")
        #expect(html.contains("… and 800 more"))
        #expect(text.contains("… and 800 more"))
        // Mail servers commonly accept 10 MB; base64 in transfer adds a third.
        #expect((html.utf8.count + text.utf8.count) * 4 / 3 < 4 << 20, "\(html.utf8.count + text.utf8.count) bytes")
    }

    @Test func aFailingFeedsAddressIsShownWithoutItsSecrets() throws {
        let failing = FailingSource(title: "Private forum", url: URL(string: "https://staff:hunter2@forum.example/rss?token=abc123")!,
                                    consecutiveErrors: 2, lastError: "HTTP status 500")
        let html = try DigestRenderer().html(digest(failing: [failing]))
        #expect(html.contains("https://REDACTED@forum.example/rss?token=REDACTED"))
        #expect(!html.contains("hunter2") && !html.contains("abc123"))
    }

    @Test func linksOnlyToWebAddresses() throws {
        let sneaky = finding("click", concerns: [.question], link: "javascript:alert(1)")
        let html = try DigestRenderer().html(digest(findings: [sneaky]))
        #expect(!html.contains("javascript:"))
    }

    @Test func theAttentionCountsCountEachCaseOnce() throws {
        let cases = [openCase(1, .complaint, dueIn: -1), openCase(2, .complaint, dueIn: 1), openCase(3, .complaint, dueIn: 5)]
        let json = DigestRenderer().figuresJSON(digest(cases: cases))
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(figures["overdue"] as? Int == 1)
        #expect(figures["atRisk"] as? Int == 1)
        #expect(figures["dueToday"] as? Int == 1)
    }
}

@Suite struct DigestHistoryTests {
    let london = TimeZone(identifier: "Europe/London")!
    /// Wednesday 25 November 2026, 07:00 in London.
    let morning = Date(timeIntervalSince1970: 1_795_590_000)

    func digest(history: DigestHistory, findings: [FindingSummary] = []) -> Digest {
        Digest(schoolName: "Millbrook Academy", generatedAt: morning, timeZone: london, findings: findings, openCases: [],
               failingSources: [], urgentConcerns: [], history: history)
    }

    @Test func dailySentimentAveragesEachLocalDayAndEndsWithTheDigestsDay() {
        let history = DigestHistory(sentimentPoints: [
            .init(discoveredAt: morning.addingTimeInterval(-3600), compound: 0.5),
            .init(discoveredAt: morning.addingTimeInterval(-1800), compound: -0.1),
            .init(discoveredAt: morning.addingTimeInterval(-2 * 86_400), compound: -0.6),
        ])
        let week = digest(history: history).dailySentiment(days: 7)
        #expect(week.count == 7)
        #expect(week.last?.day == "2026-11-25" && week.last?.mentions == 2)
        #expect(abs((week.last?.meanCompound ?? 0) - 0.2) < 1e-9)
        #expect(week[4].day == "2026-11-23" && week[4].meanCompound == -0.6)
        #expect(week[0].mentions == 0)
    }

    @Test func complianceCountsCasesDueInThePeriodAnsweredByTheirDueTime() {
        let history = DigestHistory(caseResponses: [
            .init(dueAt: morning.addingTimeInterval(-86_400), firstResponseAt: morning.addingTimeInterval(-90_000)),
            .init(dueAt: morning.addingTimeInterval(-86_400), firstResponseAt: morning.addingTimeInterval(-80_000)),
            .init(dueAt: morning.addingTimeInterval(-3600), firstResponseAt: nil),
            .init(dueAt: morning.addingTimeInterval(-20 * 86_400), firstResponseAt: morning.addingTimeInterval(-21 * 86_400)),
            .init(dueAt: morning.addingTimeInterval(3600), firstResponseAt: nil),
        ])
        let week = digest(history: history).compliance(days: 7)
        #expect(week.due == 3 && week.answeredInTime == 1)
        let month = digest(history: history).compliance(days: 30)
        #expect(month.due == 4 && month.answeredInTime == 2)
        #expect(month.share == 0.5)
    }

    @Test func detectionDelayIsMeasuredFromPublicationToDiscovery() {
        let findings = [60.0, 120, 600, 3600].map { delay in
            FindingSummary(key: ItemKey(rawValue: "id:\(delay)"), title: "", snippet: "", link: nil, sourceTitles: [],
                           published: morning.addingTimeInterval(-delay), discoveredAt: morning, sentiment: .neutral, concerns: [])
        }
        let delay = digest(history: DigestHistory(), findings: findings).detectionDelay
        #expect(delay.measured == 4)
        #expect(delay.median == 360)
        #expect(abs((delay.ninetiethPercentile ?? 0) - 2700) < 1e-6)
        let text = DigestRenderer().plainText(digest(history: DigestHistory(), findings: findings))
        #expect(text.contains("Detection delay (publication to discovery): median 6 min"))
        let two = digest(history: DigestHistory(), findings: Array(findings[2...])).detectionDelay
        #expect(two.median == 2100)
    }

    @Test func complianceCoversTheSameLocalDaysAsTheSentimentFigures() {
        // Thursday 2 April 2026, 09:00 BST: seven days are 27 March 00:00 GMT to now, across the clock change.
        let generatedAt = Date(timeIntervalSince1970: 1_775_116_800)
        let startOfWindow = Date(timeIntervalSince1970: 1_774_569_600)
        let history = DigestHistory(caseResponses: [
            .init(dueAt: startOfWindow.addingTimeInterval(-60), firstResponseAt: nil),
            .init(dueAt: startOfWindow, firstResponseAt: startOfWindow),
        ])
        let digest = Digest(schoolName: "Millbrook Academy", generatedAt: generatedAt, timeZone: london, findings: [], openCases: [],
                            failingSources: [], urgentConcerns: [], history: history)
        #expect(digest.dailySentiment(days: 7).first?.day == "2026-03-27")
        #expect(digest.compliance(days: 7).due == 1 && digest.compliance(days: 7).answeredInTime == 1)
    }

    @Test func anAlmostPerfectRecordIsNotRoundedUpToOneHundredPercent() {
        let responses = (0..<200).map { index in
            DigestHistory.CaseResponse(dueAt: morning.addingTimeInterval(-3600), firstResponseAt: index == 0 ? nil : morning.addingTimeInterval(-7200))
        }
        let lines = DigestRenderer().responseLines(digest(history: DigestHistory(caseResponses: responses)))
        #expect(lines.first == "Last 7 days: 99% of cases answered within the policy time (199 of 200)")
        let some = (0..<50).map { index in
            DigestHistory.CaseResponse(dueAt: morning.addingTimeInterval(-3600), firstResponseAt: index < 29 ? morning.addingTimeInterval(-7200) : nil)
        }
        #expect(DigestRenderer().responseLines(digest(history: DigestHistory(caseResponses: some))).first
                == "Last 7 days: 58% of cases answered within the policy time (29 of 50)")
    }

}
