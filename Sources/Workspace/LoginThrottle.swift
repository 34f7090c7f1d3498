import Foundation
import Synchronization

/// Counts sign-in attempts per account name and per network address, and refuses further tries
/// once either passes its limit within the window.
///
/// An attempt is counted when it is admitted, before its password is checked, so that tries sent
/// all at once cannot all pass before any is counted; a successful sign-in takes its attempt back.
///
/// Held in memory: a restart forgets it, which is acceptable for a small school server and keeps
/// failed attempts out of the database. Once a window, names and addresses whose attempts have all
/// left it are forgotten, so tries under ever new names or addresses cannot grow it without end.
public final class LoginThrottle: Sendable {
    /// Failures allowed per account name within the window.
    public let limitPerName: Int
    /// Failures allowed per address within the window.
    public let limitPerAddress: Int
    /// How far back failures count.
    public let window: TimeInterval
    private let ledger = Mutex(Ledger())

    /// Attempt times by "name:" or "address:" key, and when expired keys were last swept out.
    private struct Ledger {
        var attempts: [String: [Date]] = [:]
        var lastSweep: Date?

        /// Removes one attempt made at `time` under `key`.
        mutating func takeBack(_ time: Date, from key: String) {
            if let index = attempts[key]?.lastIndex(of: time) { attempts[key]?.remove(at: index) }
        }
    }

    /// A throttle with its limits (5 per name and 20 per address in 15 minutes by default).
    public init(limitPerName: Int = 5, limitPerAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.limitPerName = limitPerName
        self.limitPerAddress = limitPerAddress
        self.window = window
    }

    /// Whether a sign-in for `name` from `address` may be tried at `now`; when it may, the attempt
    /// is counted against both at once.
    public func admitAttempt(name: String, address: String, at now: Date) -> Bool {
        ledger.withLock { ledger in
            let since = now.addingTimeInterval(-window)
            if ledger.lastSweep.map({ now.timeIntervalSince($0) >= window }) ?? true {
                ledger.attempts = ledger.attempts.filter { _, times in times.contains { $0 > since } }
                ledger.lastSweep = now
            }
            let keys = (name: Self.key(name: name), address: Self.key(address: address))
            let byName = ledger.attempts[keys.name, default: []].filter { $0 > since }
            let byAddress = ledger.attempts[keys.address, default: []].filter { $0 > since }
            guard byName.count < limitPerName, byAddress.count < limitPerAddress else { return false }
            ledger.attempts[keys.name] = byName + [now]
            ledger.attempts[keys.address] = byAddress + [now]
            return true
        }
    }

    /// Forgets the failures of an account that signed in, and takes back the attempt admitted for
    /// it at `attemptedAt` from its address.
    public func recordSuccess(name: String, address: String, attemptedAt: Date) {
        ledger.withLock { ledger in
            ledger.attempts.removeValue(forKey: Self.key(name: name))
            ledger.takeBack(attemptedAt, from: Self.key(address: address))
        }
    }

    /// Takes back an attempt admitted at `attemptedAt` that was never tried (the server was busy).
    public func withdrawAttempt(name: String, address: String, attemptedAt: Date) {
        ledger.withLock { ledger in
            ledger.takeBack(attemptedAt, from: Self.key(name: name))
            ledger.takeBack(attemptedAt, from: Self.key(address: address))
        }
    }

    /// How many names and addresses are held, for tests.
    var heldKeyCount: Int { ledger.withLock { $0.attempts.count } }

    private static func key(name: String) -> String { "name:" + name.lowercased() }
    private static func key(address: String) -> String { "address:" + address }
}
