import Foundation
import Model

extension Store {
    /// A person who may sign in to the web workspace, with their role and password hash.
    public struct UserAccount: Hashable, Sendable {
        /// The name they sign in with; also the actor recorded in the audit trail.
        public var name: String
        /// Their role's name: `slt`, `dsl`, `communications`, `moderator` or `readonly`.
        public var role: String
        /// The slow salted hash of their password, as `algorithm$iterations$salt$hash`.
        public var passwordHash: String
        public var createdAt: Date
        /// The school whose staff they are: they see and act on that school's cases only. Nil for
        /// the trust's staff, and everyone in a single-school installation: every case.
        public var school: SchoolID?

        /// An account as stored.
        public init(name: String, role: String, passwordHash: String, createdAt: Date, school: SchoolID? = nil) {
            self.name = name
            self.role = role
            self.passwordHash = passwordHash
            self.createdAt = createdAt
            self.school = school
        }
    }

    /// A signed-in session: whose it is, its form token and when it ends.
    public struct SessionRecord: Hashable, Sendable {
        /// The account the session belongs to.
        public var userName: String
        /// The token every form of this session must carry back.
        public var csrfToken: String
        public var expiresAt: Date
    }

    /// Adds an account, or replaces the role and password of an existing one and signs it out
    /// everywhere, so that a session opened with the old password or role ends with it.
    public func saveUser(_ account: UserAccount) throws(StorageError) {
        try inTransaction("save account \(account.name)") {
            try connection.query("DELETE FROM sessions WHERE user_name = ?", [.text(account.name)])
            try connection.query(
                """
                INSERT INTO users (name, role, password_hash, created_at, school_id) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash,
                    school_id = excluded.school_id
                """,
                [.text(account.name), .text(account.role), .text(account.passwordHash), SQLValue(account.createdAt),
                 SQLValue(account.school?.rawValue)])
        }
    }

    /// Removes an account and its sessions; false when there was no such account.
    @discardableResult
    public func removeUser(named name: String) throws(StorageError) -> Bool {
        try inTransaction("remove account \(name)") {
            try connection.query("DELETE FROM sessions WHERE user_name = ?", [.text(name)])
            let found = try connection.query("SELECT 1 FROM users WHERE name = ?", [.text(name)]).isEmpty == false
            try connection.query("DELETE FROM users WHERE name = ?", [.text(name)])
            return found
        }
    }

    /// The account with this name, or nil.
    public func user(named name: String) throws(StorageError) -> UserAccount? {
        try connection.query("SELECT * FROM users WHERE name = ?", [.text(name)]).first.map { row in
            UserAccount(name: row["name"].text ?? "", role: row["role"].text ?? "", passwordHash: row["password_hash"].text ?? "",
                        createdAt: row["created_at"].date ?? .distantPast, school: row["school_id"].text.map(SchoolID.init(rawValue:)))
        }
    }

    /// Every account, by name.
    public func users() throws(StorageError) -> [UserAccount] {
        try connection.query("SELECT * FROM users ORDER BY name").map { row in
            UserAccount(name: row["name"].text ?? "", role: row["role"].text ?? "", passwordHash: row["password_hash"].text ?? "",
                        createdAt: row["created_at"].date ?? .distantPast, school: row["school_id"].text.map(SchoolID.init(rawValue:)))
        }
    }

    /// Records a new session, keyed by a hash of its token (the token itself is never stored),
    /// and drops sessions that have expired.
    public func createSession(
        tokenHash: String, userName: String, csrfToken: String, expiresAt: Date, at date: Date
    ) throws(StorageError) {
        try connection.query("DELETE FROM sessions WHERE expires_at < ?", [SQLValue(date)])
        try connection.query(
            "INSERT INTO sessions (token_hash, user_name, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            [.text(tokenHash), .text(userName), .text(csrfToken), SQLValue(date), SQLValue(expiresAt)])
    }

    /// The live session with this token hash at `date`, or nil when there is none or it has expired.
    public func session(tokenHash: String, at date: Date) throws(StorageError) -> SessionRecord? {
        try connection.query("SELECT * FROM sessions WHERE token_hash = ? AND expires_at > ?", [.text(tokenHash), SQLValue(date)])
            .first.map { row in
                SessionRecord(userName: row["user_name"].text ?? "", csrfToken: row["csrf_token"].text ?? "",
                              expiresAt: row["expires_at"].date ?? .distantPast)
            }
    }

    /// Ends a session (signing out).
    public func deleteSession(tokenHash: String) throws(StorageError) {
        try connection.query("DELETE FROM sessions WHERE token_hash = ?", [.text(tokenHash)])
    }
}
