import Foundation

/// One fetch to make, with the validators remembered from the last one.
public struct FetchRequest: Sendable, Hashable {
    public var url: URL
    /// Sent as If-None-Match.
    public var entityTag: String?
    /// Sent as If-Modified-Since, exactly as the server gave it.
    public var lastModified: String?
    /// Whether libcurl follows redirects itself; ``PoliteFetcher`` follows them one by one instead,
    /// to see permanent ones and check each hop's robots.txt.
    public var followsRedirects: Bool

    public init(url: URL, entityTag: String? = nil, lastModified: String? = nil, followsRedirects: Bool = true) {
        self.url = url
        self.entityTag = entityTag
        self.lastModified = lastModified
        self.followsRedirects = followsRedirects
    }
}
