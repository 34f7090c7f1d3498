import Foundation

/// How a scan claims the sources it fetches, so that scanners sharing one store never fetch a
/// source at the same time, nor twice within its interval.
///
/// A scan claims a host's due sources together (a lease on each, in the store), so that each host
/// is fetched by one scanner at a time and its politeness delay holds across scanners. It renews
/// its leases every third of ``lease`` while it works; writing a source ends that source's lease.
public struct SourceClaiming: Sendable, Hashable {
    /// The name the scan claims under: no other scanner running at the same time may use it.
    public var holder: String
    /// How long a claim lasts unless renewed: the longest a killed scanner's sources wait before
    /// another scanner may fetch them.
    public var lease: Duration
    /// The most hosts the scan works on at once; the next host's due sources are claimed as one
    /// is done, so that scanners started together share the hosts. Nil claims every due source at
    /// the start.
    public var hostsAtOnce: Int?

    /// Claims under `holder`, for `lease`, working on at most `hostsAtOnce` hosts at once.
    public init(holder: String, lease: Duration = .seconds(120), hostsAtOnce: Int? = nil) {
        self.holder = holder
        self.lease = lease
        self.hostsAtOnce = hostsAtOnce
    }

    /// The claims of a store's only scanner. An SQLite file's scans run one at a time behind the
    /// run lock, so each claims under the same name, takes over whatever a killed scan left
    /// claimed, and claims every due source at the start.
    public static let soleScanner = SourceClaiming(holder: "sole scanner")

    /// A name no other scanner uses: this machine's name, this process's id and a random part.
    public static func uniqueHolder() -> String {
        let random = String(UInt32.random(in: .min ... .max), radix: 16)
        return "\(ProcessInfo.processInfo.hostName) \(ProcessInfo.processInfo.processIdentifier) \(random)"
    }
}
