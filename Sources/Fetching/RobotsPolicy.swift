import Foundation

/// A site's robots.txt rules for one user agent, read as RFC 9309 says.
///
/// Groups are chosen by the most specific `User-agent` line that matches the product token
/// (falling back to `*`); within a group the longest matching `Allow` or `Disallow` path wins,
/// `Allow` winning a tie. `*` matches any run of characters and a final `$` anchors the end.
/// `Crawl-delay`, which RFC 9309 leaves to crawlers, is honoured as the minimum delay between
/// requests to the host.
public struct RobotsPolicy: Sendable, Hashable {
    struct Rule: Sendable, Hashable {
        var isAllow: Bool
        var pattern: String
    }

    var rules: [Rule]
    /// The delay the site asks for between requests, if any.
    public var crawlDelay: Duration?

    /// A policy that allows everything: what a missing (4xx) robots.txt means.
    public static let allowAll = RobotsPolicy(rules: [], crawlDelay: nil)
    /// A policy that allows nothing: what an unreachable (5xx) robots.txt means, per RFC 9309.
    public static let disallowAll = RobotsPolicy(rules: [Rule(isAllow: false, pattern: "/")], crawlDelay: nil)

    init(rules: [Rule], crawlDelay: Duration?) {
        self.rules = rules
        self.crawlDelay = crawlDelay
    }

    /// Reads robots.txt `text` for the crawler whose product token is `userAgent` (e.g. "Earshot").
    public init(parsing text: String, userAgent: String) {
        let token = userAgent.lowercased()
        var groups: [(agents: [String], rules: [Rule], delay: Duration?)] = []
        var collectingAgents = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let field = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch field {
            case "user-agent":
                if !collectingAgents { groups.append(([], [], nil)) }
                collectingAgents = true
                // An empty agent names nobody (it would otherwise prefix-match every crawler).
                if !value.isEmpty { groups[groups.count - 1].agents.append(value.lowercased()) }
            case "allow", "disallow":
                collectingAgents = false
                guard !groups.isEmpty, !(field == "disallow" && value.isEmpty) else { continue }
                groups[groups.count - 1].rules.append(Rule(isAllow: field == "allow", pattern: value))
            case "crawl-delay":
                collectingAgents = false
                // A day at most: "inf", "1e300" or "nan" must not trap, and a longer wait is not a delay.
                guard !groups.isEmpty, let seconds = Double(value), seconds.isFinite, seconds >= 0 else { continue }
                groups[groups.count - 1].delay = .milliseconds(Int(min(seconds, 86_400) * 1000))
            default:
                continue
            }
        }
        // Every group naming this crawler applies (merged); else every `*` group.
        let named = groups.filter { group in group.agents.contains { $0 != "*" && token.hasPrefix($0) } }
        let chosen = named.isEmpty ? groups.filter { $0.agents.contains("*") } : named
        self.init(rules: chosen.flatMap(\.rules), crawlDelay: chosen.compactMap(\.delay).max())
    }

    /// Whether the path and query of `url` may be fetched.
    public func allows(_ url: URL) -> Bool {
        var path = url.path.isEmpty ? "/" : url.path
        if let query = url.query { path += "?" + query }
        if path == "/robots.txt" { return true }
        var best: (length: Int, isAllow: Bool)?
        for rule in rules where Self.matches(rule.pattern, path) {
            let length = rule.pattern.count
            if best == nil || length > best!.length || (length == best!.length && rule.isAllow) {
                best = (length, rule.isAllow)
            }
        }
        return best?.isAllow ?? true
    }

    /// Whether `pattern` (with `*` and a final `$`) matches the start of `path`.
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var pattern = Substring(pattern)
        let isAnchored = pattern.hasSuffix("$")
        if isAnchored { pattern = pattern.dropLast() }
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false)
        guard path.hasPrefix(pieces[0]) else { return false }
        var remainder = Substring(path).dropFirst(pieces[0].count)
        guard pieces.count > 1 else { return !isAnchored || remainder.isEmpty }
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let range = remainder.range(of: piece) else { return false }
            remainder = remainder[range.upperBound...]
        }
        let last = pieces[pieces.count - 1]
        return isAnchored ? remainder.hasSuffix(last) : (last.isEmpty || remainder.contains(last))
    }
}
