import NIOPosix

/// Runs password checks off Swift's shared task threads, a few at a time.
///
/// A check is 210,000 rounds of PBKDF2: run on the shared threads, a handful of sign-ins at once
/// would stall every page. Checks run on NIO's blocking-work thread pool instead, and when
/// `maximumAtOnce` are already under way a new one is turned away rather than queued.
final class PasswordChecks: Sendable {
    /// Checks allowed to run or wait at once.
    static let maximumAtOnce = 4
    private let admissions = Admissions(limit: maximumAtOnce)

    /// Whether `password` matches `stored`, or nil when too many checks are already under way.
    func verify(_ password: String, against stored: String, with hasher: PasswordHasher) async throws -> Bool? {
        guard admissions.admit() else { return nil }
        defer { admissions.release() }
        return try await NIOThreadPool.singleton.runIfActive { hasher.verify(password, against: stored) }
    }
}
