import Synchronization

/// Lets at most `limit` of something be under way at once, across threads (password checks being
/// run), and turns the rest away rather than queueing them.
final class Admissions: Sendable {
    /// How many may be under way at once.
    let limit: Int
    private let underWay = Mutex(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts one more and says true, or says false (counting nothing) when `limit` are under way.
    func admit() -> Bool {
        underWay.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    /// Counts one fewer, when an admitted one is done.
    func release() {
        underWay.withLock { $0 -= 1 }
    }
}
