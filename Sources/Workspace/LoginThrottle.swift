import Foundation
import Synchronization

/// Counts failed sign-ins per account name and per network address, and refuses further tries
/// once either passes its limit within the window.
///
/// Held in memory: a restart forgets it, which is acceptable for a small school server and keeps
/// failed attempts out of the database.
public final class LoginThrottle: Sendable {
    /// Failures allowed per account name within the window.
    public let limitPerName: Int
    /// Failures allowed per address within the window.
    public let limitPerAddress: Int
    /// How far back failures count.
    public let window: TimeInterval
    private let failures = Mutex<[String: [Date]]>([:])

    /// A throttle with its limits (5 per name and 20 per address in 15 minutes by default).
    public init(limitPerName: Int = 5, limitPerAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.limitPerName = limitPerName
        self.limitPerAddress = limitPerAddress
        self.window = window
    }

    /// Whether a sign-in for `name` from `address` may be tried at `now`.
    public func isAllowed(name: String, address: String, at now: Date) -> Bool {
        failures.withLock { table in
            let since = now.addingTimeInterval(-window)
            let byName = table["name:" + name.lowercased(), default: []].filter { $0 > since }.count
            let byAddress = table["address:" + address, default: []].filter { $0 > since }.count
            return byName < limitPerName && byAddress < limitPerAddress
        }
    }

    /// Records a failed sign-in.
    public func recordFailure(name: String, address: String, at now: Date) {
        failures.withLock { table in
            let since = now.addingTimeInterval(-window)
            for key in ["name:" + name.lowercased(), "address:" + address] {
                table[key] = table[key, default: []].filter { $0 > since } + [now]
            }
        }
    }

    /// Forgets the failures of an account once it signs in.
    public func recordSuccess(name: String) {
        _ = failures.withLock { table in table.removeValue(forKey: "name:" + name.lowercased()) }
    }
}
