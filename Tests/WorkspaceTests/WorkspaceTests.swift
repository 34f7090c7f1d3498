import Foundation
import Model
import Storage
import TestSupport
import Testing
import Workspace

@Suite struct WorkspaceTests {
    @Test func pagesRedirectToSignInAndPostsAreRefusedWithoutASession() async throws {
        try await withWorkspaceFixture { fixture throws in
            var browser = TestBrowser(fixture)
            let queue = await browser.get("/")
            #expect(queue.status == 303 && queue.header("Location") == "/login")
            let casePage = await browser.get("/cases/\(fixture.complaint.rawValue)")
            #expect(casePage.status == 303)
            let post = await browser.post("/cases/\(fixture.complaint.rawValue)/respond", ["csrf_token": "0"])
            #expect(post.status == 403)
            #expect(try fixture.status(of: fixture.complaint) == .new)
        }
    }

    @Test func signingInSetsAStrictHttpOnlySessionCookieAndShowsTheQueue() async throws {
        try await withWorkspaceFixture { fixture throws in
            var browser = TestBrowser(fixture)
            let response = await browser.logIn("communications-user")
            #expect(response.status == 303 && response.header("Location") == "/")
            let cookie = try #require(response.headerValues("Set-Cookie").first { $0.hasPrefix(Workspace.sessionCookie + "=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Max-Age=28800"))
            #expect(!cookie.contains("Secure"))
            let queue = await browser.get("/")
            #expect(queue.status == 200 && queue.text.contains("Case queue"))
        }
    }

    @Test func aWrongPasswordIsRefused() async throws {
        try await withWorkspaceFixture { fixture throws in
            var browser = TestBrowser(fixture)
            let response = await browser.logIn("slt-user", password: "not the password")
            #expect(response.status == 401)
            #expect(browser.cookies[Workspace.sessionCookie] == nil)
            #expect(await browser.get("/").status == 303)
        }
    }

    @Test func repeatedFailuresLockTheNameOutEvenWithTheRightPassword() async throws {
        try await withWorkspaceFixture(throttle: LoginThrottle(limitPerName: 3, limitPerAddress: 10)) { fixture throws in
            var browser = TestBrowser(fixture)
            for _ in 0..<3 { #expect(await browser.logIn("slt-user", password: "guess").status == 401) }
            let locked = await browser.logIn("slt-user")
            #expect(locked.status == 429 && locked.text.contains("Too many failed sign-ins"))
            var elsewhere = TestBrowser(fixture)
            elsewhere.address = "198.51.100.7"
            #expect(await elsewhere.logIn("dsl-user").status == 303)
        }
    }

    @Test func repeatedFailuresFromOneAddressLockThatAddressOut() async throws {
        try await withWorkspaceFixture(throttle: LoginThrottle(limitPerName: 10, limitPerAddress: 3)) { fixture throws in
            var browser = TestBrowser(fixture)
            for name in ["a", "b", "c"] { #expect(await browser.logIn(name, password: "guess").status == 401) }
            #expect(await browser.logIn("slt-user").status == 429)
        }
    }

    @Test func aSignInPostWithoutTheFormTokenIsRefused() async throws {
        try await withWorkspaceFixture { fixture throws in
            var browser = TestBrowser(fixture)
            let response = await browser.post("/login", ["name": "slt-user", "password": WorkspaceFixture.password])
            #expect(response.status == 403)
        }
    }

    /// Someone able to plant a sign-in cookie (from a sibling subdomain, say) chooses its value,
    /// but not the form token the workspace makes for it.
    @Test func aPlantedSignInCookieWithAMatchingTokenIsRefused() async throws {
        try await withWorkspaceFixture { fixture throws in
            let chosen = String(repeating: "ab", count: 32)
            var attacker = TestBrowser(fixture)
            attacker.cookies[Workspace.loginCookie] = chosen
            let forged = await attacker.post("/login", ["name": "slt-user", "password": WorkspaceFixture.password, "csrf_token": chosen])
            #expect(forged.status == 403)
            // The page shown for that cookie carries the token the workspace made for it, and that one works.
            _ = await attacker.get("/login")
            #expect(attacker.cookies[Workspace.loginCookie] == chosen && attacker.csrfToken != chosen)
            let genuine = await attacker.post("/login", ["name": "slt-user", "password": WorkspaceFixture.password,
                                                          "csrf_token": attacker.csrfToken ?? ""])
            #expect(genuine.status == 303)
        }
    }

    @Test(arguments: [nil, "0000"]) func aForgedPostWithoutTheSessionsTokenIsRefused(token: String?) async throws {
        try await withWorkspaceFixture { fixture throws in
            var browser = TestBrowser(fixture)
            await browser.logIn("slt-user")
            var form = ["reason": "not needed"]
            form["csrf_token"] = token
            let response = await browser.post("/cases/\(fixture.complaint.rawValue)/dismiss", form)
            #expect(response.status == 403)
            #expect(try fixture.status(of: fixture.complaint) == .new)
        }
    }

    @Test(arguments: ["communications-user", "moderator-user", "readonly-user"])
    func onlyTheSafeguardingLeadAndSeniorLeadersOpenSafeguardingCases(name: String) async throws {
        try await withWorkspaceFixture { fixture throws in
            var browser = TestBrowser(fixture)
            await browser.logIn(name)
            let page = await browser.get("/cases/\(fixture.safeguarding.rawValue)")
            #expect(page.status == 403)
            #expect(!page.text.contains("hurt themselves"))
            let queue = await browser.get("/")
            #expect(!queue.text.contains("Worried about a pupil") && queue.text.contains("restricted"))
            let token = browser.csrfToken ?? ""
            let post = await browser.post("/cases/\(fixture.safeguarding.rawValue)/dismiss", ["reason": "x", "csrf_token": token])
            #expect(post.status == 403)
            var lead = TestBrowser(fixture)
            await lead.logIn("dsl-user")
            let leadPage = await lead.get("/cases/\(fixture.safeguarding.rawValue)")
            #expect(leadPage.status == 200 && leadPage.text.contains("hurt themselves"))
        }
    }

    @Test func aDraftIsCheckedFixedApprovedBySeniorLeadersAndMarkedResponded() async throws {
        try await withWorkspaceFixture { fixture throws in
            let path = "/cases/\(fixture.complaint.rawValue)"
            var staff = TestBrowser(fixture)
            await staff.logIn("communications-user")
            _ = await staff.get(path)
            let flagged = await staff.post(path + "/draft", ["text": "Obviously you are wrong.", "audience": "public",
                                                            "csrf_token": staff.csrfToken ?? ""])
            #expect(flagged.status == 422)
            #expect(flagged.text.contains("sounds defensive") && flagged.text.contains("is not signed"))
            #expect(try fixture.status(of: fixture.complaint) == .drafting)

            let fixed = await staff.post(path + "/draft", [
                "text": "Thank you for telling us. We would welcome a chat with you about this.\nThe Millbrook team",
                "audience": "public", "csrf_token": staff.csrfToken ?? "",
            ])
            #expect(fixed.status == 303)
            #expect(try fixture.status(of: fixture.complaint) == .awaitingApproval)

            let refused = await staff.post(path + "/approve", ["csrf_token": staff.csrfToken ?? ""])
            #expect(refused.status == 403)

            var leader = TestBrowser(fixture)
            await leader.logIn("slt-user")
            let page = await leader.get(path)
            #expect(page.text.contains("Approve the latest draft"))
            let shownDraft = try #require(page.text.firstMatch(of: /name="draft" value="(\d+)"/)).1
            // A draft saved after the leader opened the page is not approved unread.
            #expect(await staff.post(path + "/draft", [
                "text": "Thank you for telling us. We would welcome a chat with you about this soon.\nThe Millbrook team",
                "audience": "public", "csrf_token": staff.csrfToken ?? "",
            ]).status == 303)
            let stale = await leader.post(path + "/approve", ["csrf_token": leader.csrfToken ?? "", "draft": String(shownDraft)])
            #expect(stale.status == 409)
            #expect(try fixture.status(of: fixture.complaint) == .awaitingApproval)

            let newer = try #require(await leader.get(path).text.firstMatch(of: /name="draft" value="(\d+)"/)).1
            #expect(newer != shownDraft)
            #expect(await leader.post(path + "/approve", ["csrf_token": leader.csrfToken ?? "", "draft": String(newer)]).status == 303)
            #expect(try fixture.status(of: fixture.complaint) == .approved)

            _ = await staff.get(path)
            #expect(await staff.post(path + "/respond", ["csrf_token": staff.csrfToken ?? ""]).status == 303)
            #expect(try fixture.status(of: fixture.complaint) == .responded)
            let actors = try fixture.audit(of: fixture.complaint).map { "\($0.action) \($0.actor)" }
            #expect(actors.suffix(9) == ["startDraft communications-user", "draft communications-user", "draft communications-user",
                                         "submitForApproval communications-user", "requestChanges communications-user",
                                         "draft communications-user", "submitForApproval communications-user",
                                         "approve slt-user", "markResponded communications-user"])
        }
    }

    @Test func aReadOnlyAccountCannotAct() async throws {
        try await withWorkspaceFixture { fixture throws in
            var browser = TestBrowser(fixture)
            await browser.logIn("readonly-user")
            let page = await browser.get("/cases/\(fixture.complaint.rawValue)")
            #expect(page.status == 200 && !page.text.contains("/escalate"))
            let post = await browser.post("/cases/\(fixture.complaint.rawValue)/escalate", ["reason": "x", "csrf_token": browser.csrfToken ?? ""])
            #expect(post.status == 403)
        }
    }

    @Test func dismissingNeedsAReasonAndRecordsIt() async throws {
        try await withWorkspaceFixture { fixture throws in
            var browser = TestBrowser(fixture)
            await browser.logIn("communications-user")
            let path = "/cases/\(fixture.complaint.rawValue)"
            _ = await browser.get(path)
            #expect(await browser.post(path + "/dismiss", ["reason": " ", "csrf_token": browser.csrfToken ?? ""]).status == 400)
            #expect(await browser.post(path + "/dismiss", ["reason": "a duplicate", "csrf_token": browser.csrfToken ?? ""]).status == 303)
            let last = try #require(try fixture.audit(of: fixture.complaint).last)
            #expect(last.action == "dismiss" && last.actor == "communications-user" && last.reason == "a duplicate")
        }
    }

    @Test func aHostilePostTitleIsEscapedOnTheQueueAndTheCasePage() async throws {
        try await withWorkspaceFixture { fixture throws in
            var browser = TestBrowser(fixture)
            await browser.logIn("slt-user")
            for page in [await browser.get("/"), await browser.get("/cases/\(fixture.complaint.rawValue)")] {
                #expect(page.status == 200)
                #expect(!page.text.contains("<script>") && !page.text.contains("<b>bold"))
                #expect(page.text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Millbrook &amp; &quot;friends&quot;"))
            }
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await withWorkspaceFixture { fixture throws in
            var browser = TestBrowser(fixture)
            for response in [await browser.get("/login"), await browser.get("/static/style.css"), await browser.get("/nowhere")] {
                #expect(response.header("Content-Security-Policy")?.contains("default-src 'self'") == true)
                #expect(response.header("X-Content-Type-Options") == "nosniff")
                #expect(response.header("X-Frame-Options") == "DENY")
                #expect(response.header("Referrer-Policy") == "no-referrer")
            }
        }
    }

    @Test func theQueuePutsOverdueAndAtRiskCasesFirstAndFilters() async throws {
        try await withWorkspaceFixture { fixture throws in
            var browser = TestBrowser(fixture)
            await browser.logIn("slt-user")
            let queue = await browser.get("/").text
            let safeguarding = try #require(queue.range(of: "Worried about a pupil"))
            let complaint = try #require(queue.range(of: "Millbrook &amp;"))
            #expect(safeguarding.lowerBound < complaint.lowerBound)
            #expect(queue.contains("At risk"))
            let filtered = await browser.get("/?concern=complaint&owner=&status=").text
            #expect(filtered.contains("Millbrook &amp;") && !filtered.contains("Worried about a pupil"))
        }
    }

    @Test func theLiveDraftCheckAnswersInJSONAndKeepsTheSameRules() async throws {
        try await withWorkspaceFixture { fixture throws in
            var browser = TestBrowser(fixture)
            await browser.logIn("communications-user")
            let path = "/cases/\(fixture.complaint.rawValue)"
            let page = await browser.get(path)
            #expect(page.text.contains("<script src=\"/static/draft-check.js\" defer></script>"))
            #expect(page.text.contains("id=\"live-check\" aria-live=\"polite\""))
            let script = await browser.get("/static/draft-check.js")
            #expect(script.status == 200 && script.header("Content-Type")?.hasPrefix("text/javascript") == true)
            #expect(script.text.contains("textContent") && !script.text.contains("innerHTML"))

            let flagged = await browser.post(path + "/check", ["text": "Obviously you are wrong about this.", "csrf_token": browser.csrfToken ?? ""])
            #expect(flagged.status == 200 && flagged.header("Content-Type") == "application/json")
            let result = try #require(try JSONSerialization.jsonObject(with: Data(flagged.body)) as? [String: [String]])
            #expect(result["problems"]?.contains { $0.contains("sounds defensive") } == true)
            let draftsBefore = try Store(path: fixture.databasePath).caseRecord(fixture.complaint)?.drafts.count
            #expect(draftsBefore == 0, "a live check saves nothing")

            #expect(await browser.post(path + "/check", ["text": "Hello"]).status == 403)
            #expect(await browser.post("/cases/\(fixture.safeguarding.rawValue)/check",
                                       ["text": "Hello", "csrf_token": browser.csrfToken ?? ""]).status == 403)
            var readOnly = TestBrowser(fixture)
            await readOnly.logIn("readonly-user")
            _ = await readOnly.get(path)
            #expect(await readOnly.post(path + "/check", ["text": "Hello", "csrf_token": readOnly.csrfToken ?? ""]).status == 403)
        }
    }
}

@Suite struct SafeguardingPostTests {
    /// A complaint case whose post also raises safeguarding, from a source no other case has.
    func recordMixedCase(into fixture: WorkspaceFixture) throws -> CaseID {
        let gossip = Source(url: URL(string: "https://gossip.example/thread/9")!, kind: .page, title: "Town gossip")
        let item = Item(key: ItemKey(rawValue: "hash:mixed"), title: "Parking again", link: URL(string: "https://gossip.example/thread/9"),
                        text: "Parking is appalling, and a pupil there told me they want to hurt themselves")
        let finding = Finding(item: item, source: gossip.id, discoveredAt: fixture.now, mentions: [],
                              sentiment: SentimentScore(compound: -0.6, drivers: ["appalling"]),
                              concerns: [ConcernAssessment(concern: .complaint, confidence: 0.9, evidence: ["appalling"]),
                                         ConcernAssessment(concern: .safeguarding, confidence: 0.9, evidence: ["hurt themselves"])])
        // The school's routing lets safeguarding open no case of its own, so the case is a complaint.
        let triage = CaseTriage(primaryConcern: .complaint, concerns: [.complaint], owner: .communications, clockStartedAt: fixture.now,
                                dueAt: fixture.now.addingTimeInterval(86_400), needsApproval: false, shouldAlertAtOnce: false,
                                wasOverdueWhenFound: false, threadKey: "thread:mixed", authorKey: nil)
        return try #require(try fixture.record(item, from: gossip, finding: finding, triage: triage).first)
    }

    @Test func aCaseIsRestrictedWhenAnyOfItsPostsRaisesSafeguarding() async throws {
        try await withWorkspaceFixture { fixture throws in
            let mixed = try recordMixedCase(into: fixture)
            var staff = TestBrowser(fixture)
            await staff.logIn("communications-user")
            #expect(await staff.get("/cases/\(mixed.rawValue)").status == 403)
            let queue = await staff.get("/")
            #expect(!queue.text.contains("hurt themselves") && !queue.text.contains("Parking again"))
            // Its source is neither offered as a filter nor usable to find it.
            #expect(!queue.text.contains("Town gossip"))
            #expect(!(await staff.get("/?source=Town%20gossip")).text.contains("Case \(mixed.rawValue)"))

            var lead = TestBrowser(fixture)
            await lead.logIn("dsl-user")
            let page = await lead.get("/cases/\(mixed.rawValue)")
            #expect(page.status == 200 && page.text.contains("hurt themselves"))
            // The lead's safeguarding filter finds it too.
            #expect((await lead.get("/?concern=safeguarding")).text.contains("/cases/\(mixed.rawValue)"))
        }
    }
}

