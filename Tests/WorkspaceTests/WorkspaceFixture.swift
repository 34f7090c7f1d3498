import Foundation
import Model
import Storage
import TestSupport
import Workflow
import Workspace

/// A database with a complaint case (hostile title, needs approval), a safeguarding case, and one
/// account per role, each with the password "correct horse battery"; served on a loopback port by
/// ``withWorkspaceFixture(throttle:_:)``.
struct WorkspaceFixture {
    static let password = "correct horse battery"
    static let hostileTitle = "<script>alert('x')</script> Millbrook & \"friends\""
    static let now = Date(timeIntervalSince1970: 1_795_600_800)
    var now: Date { Self.now }
    let workspace: Workspace
    let databasePath: String
    let complaint: CaseID
    let safeguarding: CaseID
    /// The port the workspace is served on, once it is.
    var port = 0

    init(folder: URL, throttle: LoginThrottle = LoginThrottle()) throws {
        let now = Self.now
        databasePath = folder.appendingPathComponent("earshot.sqlite").path
        let store = try Store(path: databasePath)
        let forum = Source(url: URL(string: "https://forum.example/thread/1")!, kind: .page, title: "Parents' forum")
        try store.register([forum])
        func observation(_ key: String, title: String, text: String, concern: Concern, owner: Role, dueHours: Double,
                         needsApproval: Bool) -> SourceScanRecord.Observation
        {
            let item = Item(key: ItemKey(rawValue: "hash:\(key)"), title: title, link: URL(string: "https://forum.example/thread/1#\(key)"),
                            text: text)
            let finding = Finding(item: item, source: forum.id, discoveredAt: now, mentions: [],
                                  sentiment: SentimentScore(compound: -0.6, drivers: ["appalling"]),
                                  concerns: [ConcernAssessment(concern: concern, confidence: 0.9, evidence: ["appalling"])])
            let triage = CaseTriage(primaryConcern: concern, concerns: [concern], owner: owner, clockStartedAt: now,
                                    dueAt: now.addingTimeInterval(dueHours * 3600), needsApproval: needsApproval, shouldAlertAtOnce: false,
                                    wasOverdueWhenFound: false, threadKey: "thread:\(key)", authorKey: nil)
            return .init(item: item, finding: finding, triage: triage)
        }
        let summary = try store.record(SourceScanRecord(
            state: FetchState(sourceID: forum.id, currentURL: forum.url, lastFetchedAt: now),
            observations: [
                observation("a", title: Self.hostileTitle, text: "The way Millbrook handled this was appalling <b>bold</b>",
                            // Standard routing lets communications answer a complaint unchecked; this
                            // school's routing asks a senior leader to approve the reply, so the
                            // approval pages have a case to show.
                            concern: .complaint, owner: .communications, dueHours: 24, needsApproval: true),
                observation("b", title: "Worried about a pupil", text: "A pupil at Millbrook said they want to hurt themselves",
                            concern: .safeguarding, owner: .designatedSafeguardingLead, dueHours: 1,
                            needsApproval: RoutingPolicy.standard[.safeguarding]?.needsApproval ?? true),
            ]), joining: CaseJoin.init(joining:to:))
        complaint = summary.openedCases[0]
        safeguarding = summary.openedCases[1]
        let hasher = PasswordHasher(iterations: 1_000)
        for role in WorkspaceRole.allCases {
            try store.saveUser(.init(name: role.rawValue + "-user", role: role.rawValue, passwordHash: hasher.hash(Self.password),
                                     createdAt: now))
        }
        let settings = WorkspaceSettings(store: .sqlite(path: databasePath), schoolName: "Millbrook Academy",
                                         timeZone: TimeZone(identifier: "Europe/London") ?? .gmt,
                                         draftPolicy: DraftPolicy(signature: "The Millbrook team"), usesSecureCookies: false,
                                         urgentConcerns: RoutingPolicy.standard.concernsAlertedAtOnce)
        workspace = try Workspace(settings: settings, throttle: throttle, hasher: hasher)
    }

    /// Stores one more post of `source`, fetched at the fixture's time, and returns the cases it opened.
    func record(_ item: Item, from source: Source, finding: Finding, triage: CaseTriage) throws -> [CaseID] {
        let store = try Store(path: databasePath)
        try store.register([source])
        return try store.record(SourceScanRecord(
            state: FetchState(sourceID: source.id, currentURL: source.url, lastFetchedAt: now),
            observations: [.init(item: item, finding: finding, triage: triage)]), joining: CaseJoin.init(joining:to:)).openedCases
    }

    /// The case as stored now.
    func status(of caseID: CaseID) throws -> CaseStatus? {
        try Store(path: databasePath).caseSummary(caseID)?.status
    }

    func audit(of caseID: CaseID) throws -> [Store.AuditEntry] {
        try Store(path: databasePath).auditTrail(for: caseID)
    }
}

/// The fixture's workspace served on 127.0.0.1 at the fixture's time while `body` runs. The
/// server trusts 127.0.0.1 as a reverse proxy, so that each test browser can name its own address.
func withWorkspaceFixture(throttle: LoginThrottle = LoginThrottle(), _ body: (WorkspaceFixture) async throws -> Void) async throws {
    try await withTemporaryDirectory { folder in
        var fixture = try WorkspaceFixture(folder: folder, throttle: throttle)
        let now = fixture.now
        try await WorkspaceServer(fixture.workspace, host: "127.0.0.1", port: 0, readTimeout: .testRunPatience, requestTimeout: .testRunPatience,
                              trustedProxies: ["127.0.0.1"], now: { now })
            .serve { port in
                fixture.port = port
                try await body(fixture)
            }
    }
}

/// A browser in miniature, over real HTTP: keeps cookies, reads form tokens from pages, and names
/// its address to the server as a proxy would (`X-Forwarded-For`).
struct TestBrowser {
    let port: Int
    var address = "192.0.2.1"
    var cookies: [String: String] = [:]
    /// The last form token seen on a page.
    var csrfToken: String?

    init(_ fixture: WorkspaceFixture) {
        self.init(port: fixture.port)
    }

    init(port: Int) {
        self.port = port
    }

    mutating func get(_ target: String) async -> HTTPAnswer {
        await send(method: "GET", target: target, form: [:])
    }

    mutating func post(_ target: String, _ form: [String: String]) async -> HTTPAnswer {
        await send(method: "POST", target: target, form: form)
    }

    mutating func send(method: String, target: String, form: [String: String]) async -> HTTPAnswer {
        let body = form.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        var head = "\(method) \(target) HTTP/1.1\r\nHost: workspace\r\nConnection: close\r\nX-Forwarded-For: \(address)\r\n"
        if !cookies.isEmpty { head += "Cookie: " + cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") + "\r\n" }
        if method == "POST" { head += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n" }
        let answer: HTTPAnswer
        do {
            let connection = try LoopbackConnection(port: port)
            try await connection.send(Array((head + "\r\n" + body).utf8))
            guard let read = HTTPAnswer(try await connection.readUntilClosed(waitingAtMost: 300)) else {
                return HTTPAnswer(status: 0, headers: [], body: Array("no HTTP answer".utf8))
            }
            answer = read
        } catch {
            return HTTPAnswer(status: 0, headers: [], body: Array("connection failed: \(error)".utf8))
        }
        for header in answer.headerValues("Set-Cookie") {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty { cookies.removeValue(forKey: name) } else { cookies[name] = value }
        }
        if let range = answer.text.range(of: #"name="csrf_token" value="([0-9a-f]+)""#, options: .regularExpression) {
            csrfToken = String(answer.text[range].dropFirst(#"name="csrf_token" value=""#.count).dropLast())
        }
        return answer
    }

    /// Signs in through the sign-in page; returns the response to the form.
    @discardableResult
    mutating func logIn(_ name: String, password: String = WorkspaceFixture.password) async -> HTTPAnswer {
        _ = await get("/login")
        return await post("/login", ["name": name, "password": password, "csrf_token": csrfToken ?? ""])
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
