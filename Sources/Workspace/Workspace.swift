import Crypto
import Foundation
import Hummingbird
import Model
import Sentiment
import Storage
import Templating
import Workflow

/// The web workspace's use cases: signing in and out, and each page and action, checking the
/// person's role before anything is read or changed.
///
/// ``WorkspaceServer`` routes requests here once its middleware has decoded them, found the
/// session and checked the form token; each use case takes plain values (the signed-in person,
/// the form's fields, the moment of the request) and answers with the page or redirect to send.
/// The database is reached only through a ``StorageQueue``.
public final class Workspace: Sendable {
    /// The session cookie's name.
    public static let sessionCookie = "earshot_session"
    /// The cookie that carries the sign-in form's token before there is a session.
    public static let loginCookie = "earshot_login"
    /// The longest account name `earshot users add` accepts.
    public static let longestUserName = 64

    let settings: WorkspaceSettings
    let storage: StorageQueue
    let throttle: LoginThrottle
    let hasher: PasswordHasher
    let passwordChecks = PasswordChecks()
    let lexicon: Lexicon
    let pages: PageRenderer
    /// The key that binds the sign-in form's token to its cookie: the cookie holds a random value,
    /// the form its HMAC under this key, which never leaves the process, so someone who can plant
    /// a cookie still cannot make a form token that matches it.
    let loginFormKey: [UInt8] = {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }()

    /// A workspace over the database named in `settings`.
    /// - Throws: ``WorkspaceError`` when the database, the sentiment lexicon or the page templates
    ///   cannot be opened.
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
        do {
            pages = try PageRenderer(settings: settings)
        } catch {
            throw WorkspaceError(status: 500, message: "cannot load the page templates: \(error)")
        }
    }

    static func caseID(_ text: String) throws(WorkspaceError) -> CaseID {
        guard let number = Int64(text), number > 0 else { throw .notFound("There is no case \(text).") }
        return CaseID(rawValue: number)
    }

    // MARK: Sessions

    /// The person whose session `token` is, or nil when it is not a live session.
    func signedInUser(sessionToken token: String?, at now: Date) async throws -> SignedInUser? {
        guard let token, token.count == 64 else { return nil }
        let tokenHash = Self.hash(token)
        let found: (Store.SessionRecord, Store.UserAccount)? = try await storage.perform { store in
            guard let session = try store.session(tokenHash: tokenHash, at: now), let account = try store.user(named: session.userName) else {
                return nil
            }
            return (session, account)
        }
        guard let (session, account) = found, let role = WorkspaceRole(rawValue: account.role) else { return nil }
        // An account of a school this configuration no longer has sees nothing rather than everything.
        if let school = account.school, settings.schoolNames[school] == nil { return nil }
        return SignedInUser(name: account.name, role: role, school: account.school, isTrustWide: settings.isTrust && account.school == nil,
                            csrfToken: session.csrfToken)
    }

    /// The sign-in page with its form token; an existing well-formed cookie is kept, so that a
    /// second load of the page (a favicon redirect, another tab) does not void the form already shown.
    func signInPage(reusing existing: String?, message: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let isWellFormed = existing.map { $0.count == 64 && $0.allSatisfy(\.isHexDigit) } ?? false
        let nonce = isWellFormed ? existing ?? Self.randomToken() : Self.randomToken()
        var response = Response.page(try pages.signInPage(formToken: loginFormToken(for: nonce), message: message), status: status)
        response.setCookie(cookie(Self.loginCookie, value: nonce, maxAge: 3600))
        return response
    }

    /// The sign-in form's token for a sign-in cookie's value: its HMAC-SHA256 under `loginFormKey`, in hex.
    func loginFormToken(for nonce: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Array(nonce.utf8), using: SymmetricKey(data: loginFormKey)).map { String(format: "%02x", $0) }.joined()
    }

    /// Signs a person in from the sign-in form (whose token `FormTokenMiddleware` has checked
    /// against the cookie `nonce`), counting the attempt against the name and the client's address.
    func signIn(name rawName: String, password: String, nonce: String?, from address: String, at now: Date) async throws -> Response {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        let mismatch = "That name and password do not match an account."
        // No account has a longer name (`earshot users add` refuses them), so none is hashed or counted.
        guard name.count <= Self.longestUserName else { return try signInPage(reusing: nonce, message: mismatch, status: .unauthorized) }
        guard throttle.admitAttempt(name: name, address: address, at: now) else {
            return try signInPage(reusing: nonce, message: "Too many failed sign-ins. Wait fifteen minutes and try again.",
                                  status: .tooManyRequests)
        }
        let account = try await storage.perform { try $0.user(named: name) }
        // Hash even when there is no such account, so timing does not tell which names exist.
        let stored = account?.passwordHash ?? "pbkdf2-sha256$\(hasher.iterations)$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
        guard let matches = try await passwordChecks.verify(password, against: stored, with: hasher) else {
            throttle.withdrawAttempt(name: name, address: address, attemptedAt: now)
            return try signInPage(reusing: nonce, message: "The workspace is busy signing others in. Try again in a moment.",
                                  status: .serviceUnavailable)
        }
        guard matches, let account, WorkspaceRole(rawValue: account.role) != nil else {
            return try signInPage(reusing: nonce, message: mismatch, status: .unauthorized)
        }
        throttle.recordSuccess(name: name, address: address, attemptedAt: now)
        let sessionToken = Self.randomToken()
        let tokenHash = Self.hash(sessionToken)
        let csrf = Self.randomToken()
        let expiry = now.addingTimeInterval(settings.sessionLifetime)
        try await storage.perform { store in
            try store.createSession(tokenHash: tokenHash, userName: account.name, csrfToken: csrf, expiresAt: expiry, at: now)
        }
        var response = Response.seeOther("/")
        response.setCookie(cookie(Self.sessionCookie, value: sessionToken, maxAge: Int(settings.sessionLifetime)))
        response.setCookie(cookie(Self.loginCookie, value: "", maxAge: 0))
        return response
    }

    /// Ends the session `token` belongs to and clears its cookie.
    func signOut(sessionToken token: String?) async throws -> Response {
        let tokenHash = Self.hash(token ?? "")
        try await storage.perform { try $0.deleteSession(tokenHash: tokenHash) }
        var response = Response.seeOther("/login")
        response.setCookie(cookie(Self.sessionCookie, value: "", maxAge: 0))
        return response
    }

    /// A cookie for this site only, out of scripts' reach and never sent by other sites' requests;
    /// `Secure` whenever the workspace is reached over HTTPS.
    func cookie(_ name: String, value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: settings.usesSecureCookies, httpOnly: true, sameSite: .strict)
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

/// The person behind a request, with their role, their school and their session's form token.
struct SignedInUser: Sendable {
    var name: String
    var role: WorkspaceRole
    /// The school whose cases alone they see and act on; nil for every case (the trust's staff,
    /// or anyone in a single-school installation).
    var school: SchoolID?
    /// Whether they are the trust's staff, seeing every school of a trust.
    var isTrustWide: Bool
    var csrfToken: String

    /// Whether they may open safeguarding cases and read their posts: a school's designated
    /// safeguarding lead and senior leaders; across a trust, only the trust's safeguarding lead.
    var canSeeSafeguarding: Bool {
        isTrustWide ? role == .dsl : role.canSeeSafeguarding
    }
}
