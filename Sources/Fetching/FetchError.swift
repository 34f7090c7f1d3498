import Foundation
import Model

/// Why a fetch failed, for which URL, with libcurl's own words kept as the cause.
public struct FetchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, for callers that retry some and not others.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The failure for logs and people, with the address's secrets redacted.
    public var description: String { name }

        /// The URL's scheme is not http, https or file.
        public static let unsupportedScheme = Code("unsupported scheme")
        /// The host resolved to an address the settings forbid (private, link-local or loopback).
        public static let forbiddenAddress = Code("forbidden address")
        /// Connecting or the whole transfer took too long.
        public static let timedOut = Code("timed out")
        /// The body grew past the configured maximum.
        public static let bodyTooLarge = Code("body too large")
        /// Too many redirects, or a redirect loop.
        public static let tooManyRedirects = Code("too many redirects")
        /// The site's robots.txt asks crawlers like Earshot not to fetch this URL.
        public static let disallowedByRobots = Code("disallowed by robots.txt")
        /// The server kept answering 429 or 5xx after every retry.
        public static let serverUnavailable = Code("server unavailable")
        /// DNS, connection, TLS or protocol failure.
        public static let transport = Code("transport failure")
        /// libcurl itself could not be set up.
        public static let setup = Code("setup failure")
    }

    public var code: Code
    public var url: URL
    /// libcurl's explanation, when there is one.
    public var detail: String

    public init(code: Code, url: URL, detail: String) {
        self.code = code
        self.url = url
        self.detail = detail
    }

    public var description: String {
        let address = AddressRedaction.redacted(url)
        return detail.isEmpty ? "\(code) fetching \(address)" : "\(code) fetching \(address): \(detail)"
    }

    /// Whether trying again later may help.
    public var isTransient: Bool {
        code == .timedOut || code == .transport || code == .serverUnavailable
    }
}
