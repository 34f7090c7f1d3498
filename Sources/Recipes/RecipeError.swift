/// Why a recipe could not be made from what it was given; each says what would be right.
public enum RecipeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The recipe was given the wrong number or shape of arguments.
    case wrongArguments(RecipeKind, expected: String)
    /// A YouTube channel was given as something other than its channel id.
    case notAChannelID(String)
    /// A bridge recipe was asked for, but `[bridges] base_url` is not set.
    case noBridge
    /// The network named for a bridge feed is not one Earshot knows.
    case unknownNetwork(String)
    /// No page or account name could be read from what was given.
    case noAccount(String)
    /// A feed, page or server address is not an absolute http or https address.
    case notAWebAddress(String)
    /// A search recipe was asked to build its query from the profile, which has nothing to search for.
    case nothingToSearchFor(RecipeKind)
    /// A Mastodon recipe was given no hashtag and the profile has none.
    case noHashtags

    public var description: String {
        switch self {
        case .wrongArguments(let kind, let expected):
            "\(kind.rawValue) takes \(expected)"
        case .notAChannelID(let text):
            "\"\(text)\" is not a YouTube channel id; the id starts with UC and has 24 characters "
                + "(on the channel's page: About, Share channel, Copy channel ID)"
        case .noBridge:
            "no bridge is configured: set [bridges] base_url (and kind = \"rss-bridge\" or \"rsshub\") to the bridge the school runs"
        case .unknownNetwork(let name):
            "\"\(name)\" is not a network a bridge reads; use " + Bridge.Network.allCases.map(\.rawValue).joined(separator: ", ")
        case .noAccount(let text):
            "\"\(text)\" is not a page or account name"
        case .notAWebAddress(let text):
            "\"\(text)\" is not an http or https address"
        case .nothingToSearchFor(let kind):
            "\(kind.rawValue) has nothing to search for: give a query, or names in [school] names"
        case .noHashtags:
            "mastodon needs a hashtag: give one, or list them in [school] hashtags"
        }
    }
}
