import Foundation

/// One HTTP request as the workspace sees it, independent of the server library.
public struct WorkspaceRequest: Sendable {
    /// `GET` or `POST` (upper case).
    public var method: String
    /// The path without its query, e.g. `/cases/3`.
    public var path: String
    /// The query's fields, decoded.
    public var query: [String: String]
    /// The cookies the browser sent.
    public var cookies: [String: String]
    /// The form fields of a `POST` (application/x-www-form-urlencoded), decoded.
    public var form: [String: String]
    /// The peer's address, for rate limiting sign-ins.
    public var remoteAddress: String

    /// A request from its parts.
    public init(
        method: String, path: String, query: [String: String] = [:], cookies: [String: String] = [:],
        form: [String: String] = [:], remoteAddress: String = "unknown"
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.cookies = cookies
        self.form = form
        self.remoteAddress = remoteAddress
    }

    /// A request from a raw target (`/path?query`), `Cookie` header values and a body.
    public init(method: String, target: String, cookieHeaders: [String], body: [UInt8], remoteAddress: String) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? "/"
        self.init(
            method: method.uppercased(),
            path: path.removingPercentEncoding ?? path,
            query: parts.count > 1 ? Self.decodeForm(String(parts[1])) : [:],
            cookies: Self.decodeCookies(cookieHeaders),
            form: Self.decodeForm(String(decoding: body, as: UTF8.self)),
            remoteAddress: remoteAddress
        )
    }

    /// Decodes `a=1&b=two+words`; the first value of a repeated field wins.
    public static func decodeForm(_ encoded: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }

    /// Decodes `Cookie: a=1; b=2` headers.
    public static func decodeCookies(_ headers: [String]) -> [String: String] {
        var cookies: [String: String] = [:]
        for header in headers {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let name = parts[0].trimmingCharacters(in: .whitespaces)
                if cookies[name] == nil { cookies[name] = parts[1].trimmingCharacters(in: .whitespaces) }
            }
        }
        return cookies
    }
}
