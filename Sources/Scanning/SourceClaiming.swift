import Foundation

/// How a scan claims the sources it fetches, so that scanners sharing one store never fetch a
/// source at the same time, nor twice within its interval.
///
/// A scan claims a host's due sources together (a lease on each, in the store), so that each host
/// is fetched by one scanner at a time and its politeness delay holds across scanners. It claims
/// a few hosts at a time (``hostsPerClaim``), and the next few as soon as every host it holds has
/// answered once: a scanner that keeps up with the hosts' politeness delays soon holds every due
/// host, as a lone scanner should, while one that falls behind (busy parsing and judging) leaves
/// the hosts it has not reached to other scanners. It renews its leases every third of ``lease``
/// while it works and each source's lease again as its fetch begins; writing a source ends that
/// source's lease.
public struct SourceClaiming: Sendable, Hashable {
    /// The name the scan claims under: no other scanner running at the same time may use it.
    public var holder: String
    /// How long a claim lasts unless renewed: the longest a killed scanner's sources wait before
    /// another scanner may fetch them.
    public var lease: Duration
    /// How many hosts' due sources one claim takes; nil claims every due source at the start.
    public var hostsPerClaim: Int?

    /// Claims under `holder`, for `lease`, `hostsPerClaim` hosts at a time.
    public init(holder: String, lease: Duration = .seconds(120), hostsPerClaim: Int? = nil) {
        self.holder = holder
        self.lease = lease
        self.hostsPerClaim = hostsPerClaim
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
