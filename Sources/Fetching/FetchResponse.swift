import Foundation

/// What a completed transfer returned.
public struct FetchResponse: Sendable, Hashable {
    /// The HTTP status; file:// transfers report 200.
    public var statusCode: Int
    /// The URL that answered, after redirects.
    public var finalURL: URL
    /// Header fields of the final response, names lowercased, in order.
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(statusCode: Int, finalURL: URL, headers: [(name: String, value: String)], body: Data) {
        self.statusCode = statusCode
        self.finalURL = finalURL
        self.headers = headers
        self.body = body
    }

    /// The first value of a header field, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name == wanted }?.value
    }

    /// Whether the server said the content has not changed since the validators sent.
    public var isNotModified: Bool { statusCode == 304 }

    public var entityTag: String? { header("etag") }
    public var lastModified: String? { header("last-modified") }
    public var contentType: String? { header("content-type") }

    /// How long the server says the content stays fresh (`Cache-Control: max-age`), if it says.
    public var maximumAge: Duration? {
        guard let cacheControl = header("cache-control") else { return nil }
        for directive in cacheControl.lowercased().split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "max-age", let seconds = Int(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))),
               seconds >= 0 {
                return .seconds(seconds)
            }
        }
        return nil
    }

    public static func == (lhs: FetchResponse, rhs: FetchResponse) -> Bool {
        lhs.statusCode == rhs.statusCode && lhs.finalURL == rhs.finalURL && lhs.body == rhs.body
            && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(statusCode)
        hasher.combine(finalURL)
        hasher.combine(body)
    }
}
