import Foundation

/// A feed bridge the school runs itself, for networks that publish no feeds: RSS-Bridge or RSSHub.
///
/// Earshot only reads the feeds the bridge publishes; signing in to a network, where a route
/// needs it, is the bridge's own configuration.
public struct Bridge: Sendable, Hashable {
    /// Which bridge software answers at the base address.
    public enum Software: String, CaseIterable, Sendable, Hashable {
        /// RSS-Bridge: `?action=display&bridge=…&format=Atom` on one address, Atom out.
        case rssBridge = "rss-bridge"
        /// RSSHub: one path per route, RSS 2.0 out.
        case rssHub = "rsshub"
    }

    /// A network the bridge reads public pages or accounts of.
    public enum Network: String, CaseIterable, Sendable, Hashable {
        case facebook
        case x
        case instagram
        case tiktok

        /// The network's name for people.
        public var displayName: String {
            switch self {
            case .facebook: "Facebook"
            case .x: "X"
            case .instagram: "Instagram"
            case .tiktok: "TikTok"
            }
        }

        /// The page or account name in what a person gave: `@name`, `name`, or the address of
        /// the page (`https://www.facebook.com/AirebyNoticeboard/`); nil when nothing is left.
        public func account(from text: String) -> String? {
            var account = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if let url = URL(string: account), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme) {
                account = url.path.split(separator: "/").first.map(String.init) ?? ""
            }
            while account.hasPrefix("@") { account.removeFirst() }
            return account.isEmpty || account.contains(where: \.isWhitespace) ? nil : account
        }
    }

    /// The bridge software.
    public var software: Software
    /// Where the bridge answers, such as `https://bridge.school.example/` (a path is kept).
    public var baseURL: URL

    /// Creates a bridge description.
    public init(software: Software, baseURL: URL) {
        self.software = software
        self.baseURL = baseURL
    }

    /// The feed of one public page or account on a network.
    /// - Parameter account: the page or account name without `@`.
    public func feedURL(network: Network, account: String) -> URL {
        URL(string: Self.address(software: software, base: baseURL.absoluteString, network: network,
                                 encodedAccount: QueryText.encoded(account)))!
    }

    /// The feed's address for a network with `BRIDGE` for the base and `ACCOUNT` for the account.
    public static func urlTemplate(software: Software, network: Network) -> String {
        address(software: software, base: "BRIDGE", network: network, encodedAccount: "ACCOUNT")
    }

    /// RSS-Bridge takes the bridge's class name, the context (the form the bridge's page shows)
    /// and that context's parameter; RSSHub takes a path per route. TikTok names keep their `@`.
    private static func address(software: Software, base: String, network: Network, encodedAccount: String) -> String {
        let base = QueryText.trimmedBase(base)
        switch software {
        case .rssBridge:
            let query = switch network {
            case .facebook: "bridge=FacebookBridge&context=User&u=\(encodedAccount)"
            case .x: "bridge=TwitterBridge&context=By+username&u=\(encodedAccount)"
            case .instagram: "bridge=InstagramBridge&context=Username&u=\(encodedAccount)"
            case .tiktok: "bridge=TikTokBridge&context=By+user&username=@\(encodedAccount)"
            }
            return "\(base)/?action=display&\(query)&format=Atom"
        case .rssHub:
            return switch network {
            case .facebook: "\(base)/facebook/page/\(encodedAccount)"
            case .x: "\(base)/twitter/user/\(encodedAccount)"
            case .instagram: "\(base)/instagram/user/\(encodedAccount)"
            case .tiktok: "\(base)/tiktok/user/@\(encodedAccount)"
            }
        }
    }
}
