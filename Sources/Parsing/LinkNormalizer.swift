import Foundation

/// Puts item links into one canonical form, so that the same article reached through different
/// links gets the same ``ItemIdentity`` key and people are shown a clean link.
///
/// Rules, in order: trim; resolve a relative link against the base in force (`xml:base`, the
/// feed's or page's own URL); unwrap redirect links of the form `https://host/url?…&url=<target>`
/// (Google Alerts sends every result this way); keep only http, https and file links; lowercase
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
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, let url = URL(string: trimmed, relativeTo: base)?.absoluteURL else {
            return nil
        }
        return normalize(url)
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

    /// The target of a `…/url?url=<target>` redirect link, when it is an absolute http(s) URL.
    private func redirectTarget(of url: URL) -> URL? {
        guard let components = URLComponents(url: url.absoluteURL, resolvingAgainstBaseURL: true),
            components.percentEncodedPath == "/url",
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let items = components.queryItems
        else { return nil }
        let isGoogle = components.host?.lowercased().contains("google.") ?? false
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
