import Crypto
import Foundation
import Model
import Sentiment
import Storage
import Workflow

/// The web workspace: turns each request into a response, checking the session, the form token
/// and the person's role before anything is read or changed.
///
/// Independent of the HTTP library: ``WorkspaceServer`` feeds it requests, tests call
/// ``respond(to:at:)`` directly. The database is reached only through a ``StorageQueue``.
public final class Workspace: Sendable {
    /// The session cookie's name.
    public static let sessionCookie = "earshot_session"
    /// The cookie that carries the sign-in form's token before there is a session.
    public static let loginCookie = "earshot_login"

    let settings: WorkspaceSettings
    let storage: StorageQueue
    let throttle: LoginThrottle
    let hasher: PasswordHasher
    let passwordChecks = PasswordChecks()
    /// The longest account name `earshot users add` accepts.
    public static let longestUserName = 64
    let lexicon: Lexicon
    /// The key that binds the sign-in form's token to its cookie: the cookie holds a random value,
    /// the form its HMAC under this key, which never leaves the process, so someone who can plant
    /// a cookie still cannot make a form token that matches it.
    let loginFormKey: [UInt8] = {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }()

    /// A workspace over the database named in `settings`.
    /// - Throws: ``WorkspaceError`` when the database or the sentiment lexicon cannot be opened.
    public init(settings: WorkspaceSettings, throttle: LoginThrottle = LoginThrottle(), hasher: PasswordHasher = PasswordHasher()) throws {
        self.settings = settings
        self.throttle = throttle
        self.hasher = hasher
        do {
            storage = StorageQueue(store: try Store(location: settings.store))
        } catch {
            throw WorkspaceError(status: 500, message: "cannot open the database \(settings.store): \(error)")
        }
        do {
            lexicon = try Lexicon.bundled()
        } catch {
            throw WorkspaceError(status: 500, message: "cannot load the sentiment lexicon: \(error)")
        }
    }

    /// The response to one request at `now`, with the security headers every response carries.
    public func respond(to request: WorkspaceRequest, at now: Date) async -> WorkspaceResponse {
        var response: WorkspaceResponse
        do {
            response = try await route(request, at: now)
        } catch let error as WorkspaceError {
            response = .html(PageRenderer(settings: settings, now: now).errorPage(error), status: error.status)
        } catch let error as StorageError where error.isConflict {
            // Someone else moved the case between reading the page and sending the form.
            response = .html(PageRenderer(settings: settings, now: now).errorPage(.conflict(error.message)), status: 409)
        } catch {
            response = .html(PageRenderer(settings: settings, now: now)
                .errorPage(WorkspaceError(status: 500, message: "the database could not be read: \(error)")), status: 500)
        }
        response.headers += Self.securityHeaders
        return response
    }

    /// Headers that keep pages from running other sites' code, being framed or sniffed.
    static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
    ]

    private func route(_ request: WorkspaceRequest, at now: Date) async throws -> WorkspaceResponse {
        let renderer = PageRenderer(settings: settings, now: now)
        switch (request.method, request.path) {
        case ("GET", "/static/style.css"):
            return WorkspaceResponse(status: 200, headers: [("Content-Type", "text/css; charset=utf-8"), ("Cache-Control", "max-age=3600")],
                                     body: Array(StyleSheet.css.utf8))
        case ("GET", "/static/draft-check.js"):
            return WorkspaceResponse(status: 200, headers: [("Content-Type", "text/javascript; charset=utf-8"), ("Cache-Control", "max-age=3600")],
                                     body: Array(DraftCheckScript.javaScript.utf8))
        case ("GET", "/login"):
            if try await currentUser(request, at: now) != nil { return .redirect(to: "/") }
            return loginPage(renderer, message: nil, status: 200, reusing: request.cookies[Self.loginCookie])
        case ("POST", "/login"):
            return try await logIn(request, renderer: renderer, at: now)
        default:
            break
        }
        guard let user = try await currentUser(request, at: now) else {
            if request.method == "POST" { throw WorkspaceError.forbidden("Sign in first.") }
            return .redirect(to: "/login")
        }
        if request.method == "POST" {
            // Every form carries the session's token; a post from another site cannot know it.
            guard let token = request.form["csrf_token"], PasswordHasher.constantTimeEqual(Array(token.utf8), Array(user.csrfToken.utf8)) else {
                throw WorkspaceError.forbidden("This form has expired or did not come from the workspace. Go back, reload the page and try again.")
            }
        }
        let segments = request.path.split(separator: "/").map(String.init)
        switch (request.method, segments.count) {
        case ("GET", 0):
            return try await queue(request, user: user, renderer: renderer)
        case ("POST", 1) where segments[0] == "logout":
            let tokenHash = Self.hash(request.cookies[Self.sessionCookie] ?? "")
            try await storage.perform { try $0.deleteSession(tokenHash: tokenHash) }
            var response = WorkspaceResponse.redirect(to: "/login")
            response.headers.append(("Set-Cookie", cookie(Self.sessionCookie, value: "", maxAge: 0)))
            return response
        case ("GET", 1) where segments[0] == "digest":
            return try await digestPage(request, user: user, renderer: renderer)
        case ("GET", 1) where segments[0] == "feeds":
            return try await feedsPage(user: user, renderer: renderer)
        case ("GET", 1) where segments[0] == "mentions":
            return try await mentionsPage(request, user: user, renderer: renderer)
        case ("GET", 2) where segments[0] == "cases":
            let caseID = try Self.caseID(segments[1])
            return .html(try await casePage(caseID, user: user, renderer: renderer))
        case ("POST", 3) where segments[0] == "cases" && segments[2] == "check":
            return try await liveCheck(of: try Self.caseID(segments[1]), request: request, user: user)
        case ("POST", 3) where segments[0] == "cases":
            let caseID = try Self.caseID(segments[1])
            return try await act(segments[2], on: caseID, request: request, user: user, renderer: renderer, at: now)
        default:
            throw WorkspaceError.notFound("There is no page at this address.")
        }
    }

    static func caseID(_ text: String) throws(WorkspaceError) -> CaseID {
        guard let number = Int64(text), number > 0 else { throw .notFound("There is no case \(text).") }
        return CaseID(rawValue: number)
    }

    // MARK: Sessions

    /// The signed-in person of a request, or nil.
    func currentUser(_ request: WorkspaceRequest, at now: Date) async throws -> SignedInUser? {
        guard let token = request.cookies[Self.sessionCookie], token.count == 64 else { return nil }
        let tokenHash = Self.hash(token)
        let found: (Store.SessionRecord, Store.UserAccount)? = try await storage.perform { store in
            guard let session = try store.session(tokenHash: tokenHash, at: now), let account = try store.user(named: session.userName) else {
                return nil
            }
            return (session, account)
        }
        guard let (session, account) = found, let role = WorkspaceRole(rawValue: account.role) else { return nil }
        return SignedInUser(name: account.name, role: role, csrfToken: session.csrfToken)
    }

    /// The sign-in page with its form token; an existing well-formed cookie is kept, so that a
    /// second load of the page (a favicon redirect, another tab) does not void the form already shown.
    private func loginPage(_ renderer: PageRenderer, message: String?, status: Int, reusing existing: String? = nil) -> WorkspaceResponse {
        let isWellFormed = existing.map { $0.count == 64 && $0.allSatisfy(\.isHexDigit) } ?? false
        let nonce = isWellFormed ? existing ?? Self.randomToken() : Self.randomToken()
        var response = WorkspaceResponse.html(renderer.loginPage(csrfToken: loginFormToken(for: nonce), message: message), status: status)
        response.headers.append(("Set-Cookie", cookie(Self.loginCookie, value: nonce, maxAge: 3600)))
        return response
    }

    /// The sign-in form's token for a sign-in cookie's value: its HMAC-SHA256 under `loginFormKey`, in hex.
    func loginFormToken(for nonce: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Array(nonce.utf8), using: SymmetricKey(data: loginFormKey)).map { String(format: "%02x", $0) }.joined()
    }

    private func logIn(_ request: WorkspaceRequest, renderer: PageRenderer, at now: Date) async throws -> WorkspaceResponse {
        // The sign-in form's token must be the one made for its cookie, so another site cannot sign
        // someone in, even one able to plant a cookie of its choosing.
        guard let token = request.form["csrf_token"], let expected = request.cookies[Self.loginCookie], !token.isEmpty,
              PasswordHasher.constantTimeEqual(Array(token.utf8), Array(loginFormToken(for: expected).utf8)) else {
            throw WorkspaceError.forbidden("This sign-in form has expired or did not come from the workspace. Reload the page and try again.")
        }
        let name = (request.form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = request.form["password"] ?? ""
        let mismatch = "That name and password do not match an account."
        // No account has a longer name (`earshot users add` refuses them), so none is hashed or counted.
        guard name.count <= Self.longestUserName else { return loginPage(renderer, message: mismatch, status: 401, reusing: expected) }
        guard throttle.admitAttempt(name: name, address: request.remoteAddress, at: now) else {
            return loginPage(renderer, message: "Too many failed sign-ins. Wait fifteen minutes and try again.", status: 429,
                             reusing: expected)
        }
        let account = try await storage.perform { try $0.user(named: name) }
        // Hash even when there is no such account, so timing does not tell which names exist.
        let stored = account?.passwordHash ?? "pbkdf2-sha256$\(hasher.iterations)$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
        guard let matches = try await passwordChecks.verify(password, against: stored, with: hasher) else {
            throttle.withdrawAttempt(name: name, address: request.remoteAddress, attemptedAt: now)
            return loginPage(renderer, message: "The workspace is busy signing others in. Try again in a moment.", status: 503,
                             reusing: expected)
        }
        guard matches, let account, WorkspaceRole(rawValue: account.role) != nil else {
            return loginPage(renderer, message: mismatch, status: 401, reusing: expected)
        }
        throttle.recordSuccess(name: name, address: request.remoteAddress, attemptedAt: now)
        let sessionToken = Self.randomToken()
        let tokenHash = Self.hash(sessionToken)
        let csrf = Self.randomToken()
        let expiry = now.addingTimeInterval(settings.sessionLifetime)
        try await storage.perform { store in
            try store.createSession(tokenHash: tokenHash, userName: account.name, csrfToken: csrf, expiresAt: expiry, at: now)
        }
        var response = WorkspaceResponse.redirect(to: "/")
        response.headers.append(("Set-Cookie", cookie(Self.sessionCookie, value: sessionToken, maxAge: Int(settings.sessionLifetime))))
        response.headers.append(("Set-Cookie", cookie(Self.loginCookie, value: "", maxAge: 0)))
        return response
    }

    func cookie(_ name: String, value: String, maxAge: Int) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (settings.usesSecureCookies ? "; Secure" : "")
    }

    /// 256 random bits as 64 hexadecimal digits.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// SHA-256 of a token in hexadecimal; the database keeps only this.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// The person behind a request, with their role and their session's form token.
struct SignedInUser: Sendable {
    var name: String
    var role: WorkspaceRole
    var csrfToken: String
}
