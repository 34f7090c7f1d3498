import Foundation
import Synchronization

/// Counts failed sign-ins per account name and per network address, and refuses further tries
/// once either passes its limit within the window.
///
/// Held in memory: a restart forgets it, which is acceptable for a small school server and keeps
/// failed attempts out of the database. Once a window, names and addresses whose failures have all
/// left it are forgotten, so tries under ever new names or addresses cannot grow it without end.
public final class LoginThrottle: Sendable {
    /// Failures allowed per account name within the window.
    public let limitPerName: Int
    /// Failures allowed per address within the window.
    public let limitPerAddress: Int
    /// How far back failures count.
    public let window: TimeInterval
    private let ledger = Mutex(Ledger())

    /// Failure times by "name:" or "address:" key, and when expired keys were last swept out.
    private struct Ledger {
        var failures: [String: [Date]] = [:]
        var lastSweep: Date?
    }

    /// A throttle with its limits (5 per name and 20 per address in 15 minutes by default).
    public init(limitPerName: Int = 5, limitPerAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.limitPerName = limitPerName
        self.limitPerAddress = limitPerAddress
        self.window = window
    }

    /// Whether a sign-in for `name` from `address` may be tried at `now`.
    public func isAllowed(name: String, address: String, at now: Date) -> Bool {
        ledger.withLock { ledger in
            let since = now.addingTimeInterval(-window)
            let byName = ledger.failures["name:" + name.lowercased(), default: []].filter { $0 > since }.count
            let byAddress = ledger.failures["address:" + address, default: []].filter { $0 > since }.count
            return byName < limitPerName && byAddress < limitPerAddress
        }
    }

    /// Records a failed sign-in.
    public func recordFailure(name: String, address: String, at now: Date) {
        ledger.withLock { ledger in
            let since = now.addingTimeInterval(-window)
            for key in ["name:" + name.lowercased(), "address:" + address] {
                ledger.failures[key] = ledger.failures[key, default: []].filter { $0 > since } + [now]
            }
            if ledger.lastSweep.map({ now.timeIntervalSince($0) >= window }) ?? true {
                ledger.failures = ledger.failures.filter { _, times in times.contains { $0 > since } }
                ledger.lastSweep = now
            }
        }
    }

    /// How many names and addresses are held, for tests.
    var heldKeyCount: Int { ledger.withLock { $0.failures.count } }

    /// Forgets the failures of an account once it signs in.
    public func recordSuccess(name: String) {
        _ = ledger.withLock { ledger in ledger.failures.removeValue(forKey: "name:" + name.lowercased()) }
    }
}
