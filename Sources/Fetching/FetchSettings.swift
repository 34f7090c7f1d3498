import Foundation

/// How politely and how defensively Earshot fetches: identity, limits and address policy.
///
/// The defaults suit unattended runs against public sites; tests and the demo allow loopback.
public struct FetchSettings: Sendable, Hashable {
    /// Sent as User-Agent: names Earshot, its version and where site owners can read about it.
    public var userAgent: String
    /// Longest wait for a TCP/TLS connection.
    public var connectTimeout: Duration
    /// Longest time a whole transfer may take.
    public var totalTimeout: Duration
    /// Bodies larger than this are cut off while downloading and the transfer fails.
    public var maximumBodyBytes: Int
    /// How many redirects to follow before giving up.
    public var maximumRedirects: Int
    /// Transfers running at once across all hosts.
    public var maximumConcurrentTransfers: Int
    /// Connections to one host at once.
    public var maximumConnectionsPerHost: Int
    /// Whether addresses that connect to this machine may be fetched (tests and the demo need this):
    /// loopback (127.0.0.0/8, ::1) and the unspecified addresses (0.0.0.0/8, ::), which Linux
    /// connects to the local host, in any IPv6 form. ``allowsPrivateNetworks`` never allows them.
    public var allowsLoopback: Bool
    /// Whether private and link-local ranges may be fetched.
    public var allowsPrivateNetworks: Bool
    /// The proxy every fetch goes through (`http://proxy.school.example:3128`); nil leaves libcurl
    /// to read the standard `http_proxy`, `https_proxy`, `all_proxy` and `no_proxy` variables.
    public var proxy: String?

    /// Whether fetches may go through a proxy: one is set here or in the environment. The address
    /// guard then also resolves and judges each request's own host, since the connection it sees
    /// is the proxy's.
    public var mayUseProxy: Bool {
        proxy != nil || Self.environmentNamesProxy
    }

    private static let environmentNamesProxy: Bool = {
        let environment = ProcessInfo.processInfo.environment
        return ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
            .contains { environment[$0].map { !$0.isEmpty } ?? false }
    }()

    /// The User-Agent used when the configuration gives only a contact URL.
    public static func userAgent(version: String, contactURL: String) -> String {
        "Earshot/\(version) (school reputation monitor; +\(contactURL))"
    }

    public init(
        userAgent: String = FetchSettings.userAgent(version: EarshotVersion.current, contactURL: "https://example.org/earshot"),
        connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(60),
        maximumBodyBytes: Int = 10 * 1024 * 1024,
        maximumRedirects: Int = 5,
        maximumConcurrentTransfers: Int = 16,
        maximumConnectionsPerHost: Int = 1,
        allowsLoopback: Bool = false,
        allowsPrivateNetworks: Bool = false,
        proxy: String? = nil
    ) {
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maximumBodyBytes = maximumBodyBytes
        self.maximumRedirects = maximumRedirects
        self.maximumConcurrentTransfers = maximumConcurrentTransfers
        self.maximumConnectionsPerHost = maximumConnectionsPerHost
        self.allowsLoopback = allowsLoopback
        self.allowsPrivateNetworks = allowsPrivateNetworks
        self.proxy = proxy
    }
}

/// Earshot's version, as sent in the User-Agent and printed by `earshot --version`.
public enum EarshotVersion {
    public static let current = "0.1.0"
}
