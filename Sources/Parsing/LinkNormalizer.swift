import Foundation

/// Puts item links into one canonical form, so that the same article reached through different
/// links gets the same ``ItemIdentity`` key and people are shown a clean link.
///
/// Rules, in order: trim; resolve a relative link against the base in force (`xml:base`, the
/// feed's or page's own URL); unwrap redirect links of the form `https://host/url?…&url=<target>`
/// (Google Alerts sends every result this way) and Bing News's
/// `https://www.bing.com/news/apiclick.aspx?…&url=<target>`; keep only http, https and file links; lowercase
/// scheme and host; give an empty path `/`; drop the fragment; drop tracking query parameters
/// (`utm_*`, `fbclid`, `gclid`, `mc_cid`, `mc_eid`, `ref_src`) and keep the rest in their order.
public struct LinkNormalizer: Sendable {
    /// Query parameters that only track the reader, compared without regard to case.
    static let trackingParameters: Set<String> = ["fbclid", "gclid", "mc_cid", "mc_eid", "ref_src"]

    /// Schemes an item link may have.
    static let allowedSchemes: Set<String> = ["http", "https", "file"]

    /// Creates a normalizer; it holds no state.
    public init() {}

    /// The canonical form of a link as written in a document.
    /// - Parameters:
    ///   - link: the link text, absolute or relative.
    ///   - base: what a relative link is resolved against.
    /// - Returns: nil when the link is empty, cannot be read as a URL, or has another scheme
    ///   (`javascript:`, `mailto:`, ...).
    public func normalize(_ link: String, relativeTo base: URL?) -> URL? {
        let trimmed = link.trimmedWhitespace
        if let canonical = Self.simpleCanonicalForm(trimmed), let url = URL(string: canonical) {
            return url
        }
        guard !trimmed.isEmpty, let url = URL(string: trimmed, relativeTo: base)?.absoluteURL else {
            return nil
        }
        return normalize(url)
    }

    /// The canonical form of a simple absolute link, made by editing the text, or nil when the
    /// link needs Foundation's full URL handling. Most links in feeds are simple: `http://` or
    /// `https://`, a host name and port of letters, digits, dots and hyphens, and a path and query
    /// of plain ASCII (valid percent escapes allowed). The same rules as ``normalize(_:)`` apply:
    /// host lowercased, empty path `/`, fragment and tracking parameters dropped.
    static func simpleCanonicalForm(_ link: String) -> String? {
        var utf8 = link.utf8[...]
        let scheme: String
        if utf8.starts(with: "https://".utf8) {
            scheme = "https://"
        } else if utf8.starts(with: "http://".utf8) {
            scheme = "http://"
        } else {
            return nil
        }
        utf8 = utf8.dropFirst(scheme.utf8.count)
        var host: [UInt8] = []
        while let byte = utf8.first, byte != UInt8(ascii: "/"), byte != UInt8(ascii: "?"), byte != UInt8(ascii: "#") {
            let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            guard (lowered >= 0x61 && lowered <= 0x7A) || (lowered >= 0x30 && lowered <= 0x39)
                || lowered == UInt8(ascii: ".") || lowered == UInt8(ascii: "-") || lowered == UInt8(ascii: ":")
            else { return nil }
            host.append(lowered)
            utf8 = utf8.dropFirst()
        }
        guard !host.isEmpty, host.first != UInt8(ascii: ":") else { return nil }
        if let hash = utf8.firstIndex(of: UInt8(ascii: "#")) {
            utf8 = utf8[..<hash]
        }
        var path = utf8
        var query: Substring.UTF8View.SubSequence?
        if let mark = utf8.firstIndex(of: UInt8(ascii: "?")) {
            path = utf8[..<mark]
            query = utf8[utf8.index(after: mark)...]
        }
        guard isPlain(utf8), !path.elementsEqual("/url".utf8), !isClickThrough(path) else { return nil }
        var result = scheme + String(decoding: host, as: UTF8.self)
        result += path.isEmpty ? "/" : String(decoding: path, as: UTF8.self)
        if let query {
            let kept = query.split(separator: UInt8(ascii: "&")).filter { pair in
                let name = String(decoding: pair.prefix { $0 != UInt8(ascii: "=") }, as: UTF8.self)
                let decoded = name.utf8.contains(UInt8(ascii: "%")) ? name.removingPercentEncoding ?? name : name
                return !isTrackingParameter(decoded.lowercased())
            }
            if !kept.isEmpty {
                result += "?" + kept.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "&")
            }
        }
        return result
    }

    /// Printable ASCII that a URL may hold as it is, with percent escapes only as `%` and two hex digits.
    private static func isPlain(_ bytes: Substring.UTF8View.SubSequence) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte > 0x20, byte < 0x7F else { return false }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
                UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "["),
                UInt8(ascii: "]"):
                return false
            case UInt8(ascii: "%"):
                let first = bytes.index(after: index)
                guard first < bytes.endIndex, bytes.index(after: first) < bytes.endIndex,
                    isHexDigit(bytes[first]), isHexDigit(bytes[bytes.index(after: first)])
                else { return false }
            default:
                break
            }
            index = bytes.index(after: index)
        }
        return true
    }

    /// Whether a path ends in `/apiclick.aspx`, Bing News's click-through, in any case.
    private static func isClickThrough(_ path: Substring.UTF8View.SubSequence) -> Bool {
        String(decoding: path.suffix(clickThroughPath.utf8.count), as: UTF8.self).lowercased() == clickThroughPath
    }

    /// The path suffix of Bing News's click-through links.
    static let clickThroughPath = "/apiclick.aspx"

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    /// The canonical form of an absolute URL, or nil when its scheme is not http, https or file.
    public func normalize(_ url: URL) -> URL? {
        if let target = redirectTarget(of: url) {
            return canonicalForm(of: target)
        }
        return canonicalForm(of: url)
    }

    private func canonicalForm(of url: URL) -> URL? {
        guard var components = URLComponents(url: url.absoluteURL, resolvingAgainstBaseURL: true),
            let scheme = components.scheme?.lowercased(), Self.allowedSchemes.contains(scheme)
        else { return nil }
        components.scheme = scheme
        if let host = components.percentEncodedHost {
            components.percentEncodedHost = host.lowercased()
        }
        if scheme != "file" {
            guard let host = components.percentEncodedHost, !host.isEmpty else { return nil }
            if components.percentEncodedPath.isEmpty {
                components.percentEncodedPath = "/"
            }
        }
        components.fragment = nil
        if let query = components.percentEncodedQuery {
            let kept = query.split(separator: "&", omittingEmptySubsequences: true).filter { pair in
                !Self.isTrackingParameter(Self.parameterName(of: pair))
            }
            components.percentEncodedQuery = kept.isEmpty ? nil : kept.joined(separator: "&")
        }
        return components.url
    }

    /// The target of a `…/url?url=<target>` redirect link, or of a Bing News click-through
    /// (`…bing.com/…/apiclick.aspx?…&url=<target>`), when it is an absolute http(s) URL.
    private func redirectTarget(of url: URL) -> URL? {
        guard let components = URLComponents(url: url.absoluteURL, resolvingAgainstBaseURL: true),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else { return nil }
        let host = components.host?.lowercased() ?? ""
        let isBing = host == "bing.com" || host.hasSuffix(".bing.com")
        guard components.percentEncodedPath == "/url"
            || (isBing && components.percentEncodedPath.lowercased().hasSuffix(Self.clickThroughPath)),
            let items = components.queryItems
        else { return nil }
        let isGoogle = host.contains("google.")
        let candidates = items.filter { $0.name == "url" || (isGoogle && $0.name == "q") }
        for candidate in candidates {
            guard let value = candidate.value, let target = URL(string: value),
                let targetScheme = target.scheme?.lowercased(),
                targetScheme == "http" || targetScheme == "https", target.host != nil
            else { continue }
            return target
        }
        return nil
    }

    private static func parameterName(of pair: Substring) -> String {
        let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? pair
        return (String(name).removingPercentEncoding ?? String(name)).lowercased()
    }

    private static func isTrackingParameter(_ name: String) -> Bool {
        name.hasPrefix("utm_") || trackingParameters.contains(name)
    }
}
