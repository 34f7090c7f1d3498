import NIOPosix
import Synchronization

/// Runs password checks off Swift's shared task threads, a few at a time.
///
/// A check is 210,000 rounds of PBKDF2: run on the shared threads, a handful of sign-ins at once
/// would stall every page. Checks run on NIO's blocking-work thread pool instead, and when
/// `maximumAtOnce` are already under way a new one is turned away rather than queued.
final class PasswordChecks: Sendable {
    /// Checks allowed to run or wait at once.
    static let maximumAtOnce = 4
    private let underWay = Mutex(0)

    /// Whether `password` matches `stored`, or nil when too many checks are already under way.
    func verify(_ password: String, against stored: String, with hasher: PasswordHasher) async throws -> Bool? {
        let admitted = underWay.withLock { count in
            guard count < Self.maximumAtOnce else { return false }
            count += 1
            return true
        }
        guard admitted else { return nil }
        defer { underWay.withLock { $0 -= 1 } }
        return try await NIOThreadPool.singleton.runIfActive { hasher.verify(password, against: stored) }
    }
}
