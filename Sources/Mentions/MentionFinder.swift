import Foundation
import Model

/// Finds where a passage names a school, and says which rule recognised each place.
///
/// The profile is compiled once: every name, alias, context word and exclusion phrase becomes a
/// word pattern in a single `TokenAutomaton`, and hashtags, handles, domains and run-together
/// names become dictionary look-ups. Finding mentions is then one pass over the passage's tokens,
/// followed by the context and overlap rules described in the module overview.
public struct MentionFinder: Sendable {
    /// The profile this finder was compiled from.
    public let profile: SchoolProfile

    private let automaton: TokenAutomaton
    private let patterns: [WordPattern]
    private let runTogetherTerms: [String: RunTogetherTerm]
    private let hashtags: [String: String]
    private let handles: [HandleKey: String]
    private let domains: [String: String]
    /// Hashes of the folded letter-and-digit runs that any mention must contain (see `MentionScreen`).
    private let screen: MentionScreen

    /// Compiles a profile. Terms that hold no letters or digits are ignored.
    public init(profile: SchoolProfile) {
        self.profile = profile
        var patterns: [WordPattern] = []
        var words: [[String]] = []
        var nameWords: [String] = []
        var runTogether: [String: RunTogetherTerm] = [:]

        func add(_ terms: [String], as kind: WordPattern.Kind) {
            for term in terms {
                let tokens = MentionTokenizer.words(in: term)
                guard !tokens.isEmpty else { continue }
                for (variant, possessiveWords) in Self.spellings(of: tokens) {
                    patterns.append(WordPattern(kind: kind, term: term, length: tokens.count,
                                                includesFinalPossessive: tokens[tokens.count - 1].isPossessive,
                                                possessiveWords: possessiveWords))
                    words.append(variant)
                    if kind == .name || kind == .alias {
                        nameWords.append(contentsOf: variant)
                        let joined = variant.joined()
                        if runTogether[joined] == nil || (runTogether[joined]?.needsContext == true && kind == .name) {
                            runTogether[joined] = RunTogetherTerm(term: term, needsContext: kind == .alias, wordCount: tokens.count)
                        }
                    }
                }
            }
        }
        add(profile.names, as: .name)
        add(profile.ambiguousAliases, as: .alias)
        add(Self.withPluralForms(profile.contextWords + SchoolProfile.standardContextWords), as: .context)
        add(SchoolProfile.standardLeadIns, as: .leadIn)
        add(SchoolProfile.standardLeadOuts, as: .leadOut)
        add(SchoolProfile.standardNonSchoolPhrases, as: .nonSchool)
        add(profile.exclusionPhrases, as: .exclusion)

        self.patterns = patterns
        self.automaton = TokenAutomaton(patterns: words)
        self.runTogetherTerms = runTogether

        var hashtags: [String: String] = [:]
        for tag in profile.hashtags {
            let body = TextFolding.fold(tag.drop(while: { $0 == "#" }).filter { $0 != "_" })
            if !body.isEmpty, hashtags[body] == nil { hashtags[body] = tag }
        }
        self.hashtags = hashtags

        var handles: [HandleKey: String] = [:]
        for handle in profile.handles {
            if let key = HandleKey(configured: handle), handles[key] == nil { handles[key] = handle }
        }
        self.handles = handles

        var domains: [String: String] = [:]
        for domain in profile.domains {
            if let host = Self.normalizedDomain(domain), domains[host] == nil { domains[host] = domain }
        }
        self.domains = domains

        // Context words and exclusions never make a mention on their own, so they are not screened for.
        var runs = nameWords
        runs.append(contentsOf: runTogether.keys)
        runs.append(contentsOf: hashtags.keys)
        runs.append(contentsOf: handles.keys.map(\.user))
        for host in domains.keys {
            runs.append(String(host.split(separator: ".").first ?? ""))
        }
        self.screen = MentionScreen(runs: runs)
    }

    /// The places in `text` that name the school, in reading order.
    ///
    /// - Parameters:
    ///   - text: The passage, usually an item's title and body.
    ///   - sourceIsAboutSchool: Whether the passage comes from a source that is wholly about the
    ///     school; there, ambiguous aliases need no context word.
    /// - Returns: Non-overlapping mentions with Character offsets into `text`.
    public func mentions(in text: String, sourceIsAboutSchool: Bool) -> [Mention] {
        reading(of: text, sourceIsAboutSchool: sourceIsAboutSchool).mentions
    }

    /// The mentions in `text`, and the exclusion phrases that took the school's words in another
    /// sense there.
    ///
    /// - Parameters:
    ///   - text: The passage, usually an item's title and body.
    ///   - sourceIsAboutSchool: Whether the passage comes from a source that is wholly about the
    ///     school; there, ambiguous aliases need no context word.
    /// - Returns: The mentions, as `mentions(in:sourceIsAboutSchool:)` gives them, and the other meanings.
    public func reading(of text: String, sourceIsAboutSchool: Bool) -> MentionReading {
        guard screen.mayMention(text) else { return MentionReading(mentions: [], otherMeanings: []) }
        return unscreenedReading(of: text, sourceIsAboutSchool: sourceIsAboutSchool)
    }

    /// The same answer without the screen in front; the screen must never change it.
    func unscreenedReading(of text: String, sourceIsAboutSchool: Bool) -> MentionReading {
        let tokens = MentionTokenizer.tokens(in: Array(text.unicodeScalars))
        guard !tokens.isEmpty else { return MentionReading(mentions: [], otherMeanings: []) }

        var candidates: [Candidate] = []
        var exclusions: [Range<Int>] = []
        var exclusionTerms: [String] = []
        var nonSchoolPhrases: [Range<Int>] = []
        var licences: [Licence] = []
        /// The lead-in ending just before each token, by that token's position.
        var leadInsEndingBefore: [Int: String] = [:]
        /// The lead-out starting at each token, by that token's position.
        var leadOutsStartingAt: [Int: String] = [:]

        // A hashtag's body reads as a word too, so "#Millbrook Academy" and "#school" count.
        let symbols = tokens.map { $0.kind == .word || $0.kind == .hashtag ? $0.symbol : nil }
        for match in automaton.matches(in: symbols) {
            let pattern = patterns[match.pattern]
            let tokenRange = match.tokenStart..<match.tokenEnd
            switch pattern.kind {
            case .exclusion:
                // Only as configured: the butcher's "Saxby's" does not veto the school's "Saxby".
                guard pattern.possessiveWords.allSatisfy({ tokens[match.tokenStart + $0].isPossessive }) else { continue }
                exclusions.append(tokenRange)
                exclusionTerms.append(pattern.term)
            case .context:
                licences.append(Licence(tokens: tokenRange, term: pattern.term))
            case .leadIn:
                if leadInsEndingBefore[match.tokenEnd] == nil { leadInsEndingBefore[match.tokenEnd] = pattern.term }
            case .leadOut:
                if leadOutsStartingAt[match.tokenStart] == nil { leadOutsStartingAt[match.tokenStart] = pattern.term }
            case .nonSchool:
                nonSchoolPhrases.append(tokenRange)
            case .name, .alias:
                let last = tokens[match.tokenEnd - 1]
                candidates.append(Candidate(
                    tokens: tokenRange,
                    start: tokens[match.tokenStart].start,
                    end: pattern.includesFinalPossessive ? last.end : last.coreEnd,
                    term: pattern.term,
                    rule: pattern.kind == .name ? .name : .aliasWithContext,
                    isWordMatch: true
                ))
            }
        }

        for (position, token) in tokens.enumerated() {
            candidates.append(contentsOf: tokenCandidates(for: token, at: position))
        }

        let exclusionCover = Coverage(of: exclusions, tokenCount: tokens.count)
        var vetoingExclusions = Set<Int>()
        var accepted: [Candidate] = []
        var aliases: [Candidate] = []
        for candidate in candidates {
            if candidate.isWordMatch, let exclusion = exclusionCover.covering(candidate.tokens) {
                vetoingExclusions.insert(exclusion)
                continue
            }
            if candidate.rule == .aliasWithContext {
                aliases.append(candidate)
            } else {
                accepted.append(candidate)
            }
        }
        // A context word inside a phrase about something else ("business school") licenses nothing.
        let nonSchoolCover = Coverage(of: nonSchoolPhrases, tokenCount: tokens.count)
        if !nonSchoolPhrases.isEmpty {
            licences.removeAll { nonSchoolCover.covering($0.tokens) != nil }
        }
        // Accepted names, hashtags, handles and domains are themselves school context.
        // By where they start, keeping their order otherwise, so that ties go to the same licence as before.
        let allLicences = aliases.isEmpty ? [] : (licences + accepted.map { Licence(tokens: $0.tokens, term: $0.term) }).enumerated()
            .sorted { ($0.element.tokens.lowerBound, $0.offset) < ($1.element.tokens.lowerBound, $1.offset) }
            .map(\.element)
        let longestLicence = allLicences.map(\.tokens.count).max() ?? 0
        // In a short post, school context anywhere in it speaks for the alias.
        let window = tokens.count <= SchoolProfile.shortPostTokens ? tokens.count : profile.contextWindow
        var unlicensed: [Candidate] = []
        for var alias in aliases {
            if let licence = nearestLicence(to: alias.tokens, among: allLicences, longest: longestLicence, window: window) {
                alias.contextWord = licence.term
                accepted.append(alias)
            } else if let leadIn = leadInsEndingBefore[alias.tokens.lowerBound] {
                alias.contextWord = leadIn
                accepted.append(alias)
            } else if let leadOut = leadOutsStartingAt[alias.tokens.upperBound] {
                alias.contextWord = leadOut
                accepted.append(alias)
            } else if sourceIsAboutSchool {
                accepted.append(alias)
            } else {
                unlicensed.append(alias)
            }
        }

        // Each distinct term once, in the order the vetoing phrases end in the passage.
        var otherMeanings: [String] = []
        for exclusion in vetoingExclusions.sorted() where !otherMeanings.contains(exclusionTerms[exclusion]) {
            otherMeanings.append(exclusionTerms[exclusion])
        }
        // Tokens count Unicode scalars; mentions count Characters, as the rest of Earshot does.
        let kept = Self.withoutOverlaps(accepted)
        let withoutContext = kept.isEmpty ? Self.withoutOverlaps(unlicensed) : []
        guard !kept.isEmpty || !withoutContext.isEmpty else { return MentionReading(mentions: [], otherMeanings: otherMeanings) }
        let characters = Array(text)
        let offsets = Self.characterOffsets(of: text)
        func mention(_ candidate: Candidate) -> Mention {
            let start = offsets.containing(candidate.start)
            let end = offsets.endingAt(candidate.end)
            return Mention(
                matchedText: String(characters[start..<end]),
                term: candidate.term,
                rule: candidate.rule,
                start: start,
                end: end,
                contextWord: candidate.contextWord
            )
        }
        return MentionReading(mentions: kept.map(mention), otherMeanings: otherMeanings,
                              aliasesWithoutContext: withoutContext.map(mention))
    }

    /// Where each Character of `text` starts, in Unicode scalars.
    private static func characterOffsets(of text: String) -> CharacterOffsets {
        var starts: [Int] = []
        starts.reserveCapacity(text.utf8.count)
        var scalar = 0
        for character in text {
            starts.append(scalar)
            scalar += character.unicodeScalars.count
        }
        return CharacterOffsets(starts: starts, scalarCount: scalar)
    }

    // MARK: - Rules for single tokens

    private func tokenCandidates(for token: MentionToken, at position: Int) -> [Candidate] {
        let tokenRange = position..<(position + 1)
        func candidate(_ term: String, _ rule: Mention.Rule, isWordMatch: Bool = false) -> Candidate {
            Candidate(tokens: tokenRange, start: token.start, end: token.end, term: term, rule: rule, isWordMatch: isWordMatch)
        }
        switch token.kind {
        case .word:
            // "MillbrookAcademy" written without spaces; one-word terms are already in the automaton.
            guard let runTogether = runTogetherTerms[token.symbol], runTogether.wordCount > 1 else { return [] }
            var found = candidate(runTogether.term, runTogether.needsContext ? .aliasWithContext : .name, isWordMatch: true)
            found.end = token.coreEnd
            return [found]
        case .hashtag:
            if let tag = hashtags[token.symbol] {
                return [candidate(tag, .hashtag)]
            }
            if let runTogether = runTogetherTerms[token.symbol] {
                return [candidate(runTogether.term, runTogether.needsContext ? .aliasWithContext : .hashtag, isWordMatch: true)]
            }
            return []
        case .handle:
            guard let handle = handles[HandleKey(user: token.symbol, host: token.handleHost)] else { return [] }
            return [candidate(handle, .handle)]
        case .host:
            return configuredDomain(ofHost: token.symbol).map { [candidate($0, .domain)] } ?? []
        }
    }

    /// The configured domain a lower-case host is, or is a subdomain of.
    private func configuredDomain(ofHost host: some StringProtocol) -> String? {
        var labels = host.split(separator: ".")
        while labels.count >= 2 {
            if let domain = domains[labels.joined(separator: ".")] { return domain }
            labels.removeFirst()
        }
        return nil
    }

    /// Whether an address is on one of the school's own domains (or a subdomain of one).
    public func isSchoolsOwn(_ url: URL) -> Bool {
        guard let host = url.host?.lowercased() else { return false }
        return configuredDomain(ofHost: host) != nil
    }

    /// Whether an author, as a feed names them, is one of the school's own handles.
    public func isSchoolsOwn(author: String) -> Bool {
        HandleKey(configured: author).map { handles[$0] != nil } ?? false
    }

    // MARK: - Context and overlaps

    /// The licence closest to an alias, within `window` tokens and not overlapping it.
    /// Distance counts tokens from the alias's nearest token to the licence's nearest token,
    /// so with a window of 12 the twelfth word either side still counts. `licences` are sorted
    /// by where they start, and none is longer than `longest` tokens; only those starting near the
    /// alias are looked at.
    private func nearestLicence(to alias: Range<Int>, among licences: [Licence], longest: Int, window: Int) -> Licence? {
        let earliestStart = alias.lowerBound - window - longest
        var low = 0
        var high = licences.count
        while low < high {
            let middle = (low + high) / 2
            if licences[middle].tokens.lowerBound < earliestStart { low = middle + 1 } else { high = middle }
        }
        var best: (distance: Int, licence: Licence)?
        for licence in licences[low...] {
            if licence.tokens.lowerBound > alias.upperBound - 1 + window { break }
            guard !licence.tokens.overlaps(alias) else { continue }
            let distance = licence.tokens.upperBound <= alias.lowerBound
                ? alias.lowerBound - (licence.tokens.upperBound - 1)
                : licence.tokens.lowerBound - (alias.upperBound - 1)
            guard distance <= window else { continue }
            if best == nil || distance < best!.distance
                || (distance == best!.distance && licence.tokens.lowerBound < best!.licence.tokens.lowerBound) {
                best = (distance, licence)
            }
        }
        return best?.licence
    }

    /// Keeps the longest of any overlapping candidates; ties go to the earlier one, then to the
    /// stronger rule (name, hashtag, handle, domain, alias).
    private static func withoutOverlaps(_ candidates: [Candidate]) -> [Candidate] {
        let ordered = candidates.sorted { left, right in
            let leftLength = left.end - left.start
            let rightLength = right.end - right.start
            if leftLength != rightLength { return leftLength > rightLength }
            if left.start != right.start { return left.start < right.start }
            return left.rule.strength < right.rule.strength
        }
        // Which scalars kept candidates cover: each candidate looks only at its own span.
        var covered = [Bool](repeating: false, count: ordered.map(\.end).max() ?? 0)
        var kept: [Candidate] = []
        for candidate in ordered where !covered[candidate.start..<candidate.end].contains(true) {
            covered[candidate.start..<candidate.end] = ArraySlice(repeating: true, count: candidate.end - candidate.start)
            kept.append(candidate)
        }
        return kept.sorted { $0.start < $1.start }
    }

    // MARK: - Compiling terms

    /// The terms with the plural of each one's last word beside it ("school run", "school runs"):
    /// writers use either, and a list that names one should not miss the other.
    private static func withPluralForms(_ terms: [String]) -> [String] {
        var seen = Set(terms.map { $0.lowercased() })
        var result = terms
        for term in terms {
            guard let last = term.last, last.isLetter || last.isNumber, !"sS".contains(last), !term.contains("-") else { continue }
            let plural = term + "s"
            if seen.insert(plural.lowercased()).inserted { result.append(plural) }
        }
        return result
    }

    /// Every folded spelling of a term's words: a possessive word ("Mary's") matches both the
    /// possessive ("Mary's", folded to "mary") and the plain run-on spelling ("Marys"). With each
    /// spelling, the positions of its words folded from a possessive, which the passage's bare
    /// word ("Mary") also matches.
    private static func spellings(of tokens: [MentionToken]) -> [(words: [String], possessiveWords: [Int])] {
        var spellings: [(words: [String], possessiveWords: [Int])] = [([], [])]
        for (position, token) in tokens.enumerated() {
            spellings = spellings.flatMap { prefix in
                token.isPossessive
                    ? [(prefix.words + [token.symbol], prefix.possessiveWords + [position]),
                       (prefix.words + [token.symbol + "s"], prefix.possessiveWords)]
                    : [(prefix.words + [token.symbol], prefix.possessiveWords)]
            }
        }
        return spellings
    }

    /// A configured domain reduced to its lower-case host: no scheme, path, port or leading `www.`.
    static func normalizedDomain(_ domain: String) -> String? {
        var host = Substring(domain.trimmingCharacters(in: .whitespaces).lowercased())
        if let schemeEnd = host.range(of: "://") { host = host[schemeEnd.upperBound...] }
        if let pathStart = host.firstIndex(where: { "/?#".contains($0) }) { host = host[..<pathStart] }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let colon = host.firstIndex(of: ":") { host = host[..<colon] }
        while host.hasPrefix("*.") { host = host.dropFirst(2) }
        if host.hasPrefix("www.") { host = host.dropFirst(4) }
        while host.hasSuffix(".") { host = host.dropLast() }
        return host.contains(".") ? String(host) : nil
    }
}

// MARK: - Compiled pieces

/// A word pattern compiled from the profile.
private struct WordPattern: Sendable {
    enum Kind: Sendable {
        case name, alias, context, exclusion
        /// Licenses an alias written right after it ("pupils at").
        case leadIn
        /// Licenses an alias written right before it ("Millbrook girls").
        case leadOut
        /// Cancels the context words inside it ("business school", "a place on").
        case nonSchool
    }

    var kind: Kind
    var term: String
    var length: Int
    /// Whether the configured term itself ends in a possessive ("St Mary's"), so a match
    /// should include the `'s` of the passage.
    var includesFinalPossessive: Bool
    /// The positions of the words this spelling folded from a possessive. An exclusion phrase
    /// applies only where the passage writes them as possessives too.
    var possessiveWords: [Int]
}

/// A name or alias written as one word ("millbrookacademy").
private struct RunTogetherTerm: Sendable {
    var term: String
    var needsContext: Bool
    var wordCount: Int
}

/// A handle folded for look-up: user part and, for fediverse handles, the instance host.
private struct HandleKey: Hashable, Sendable {
    var user: String
    var host: String?

    init(user: String, host: String?) {
        self.user = user
        self.host = host
    }

    init?(configured: String) {
        let parts = configured.trimmingCharacters(in: .whitespaces)
            .drop(while: { $0 == "@" })
            .split(separator: "@", maxSplits: 1)
        guard let user = parts.first, !user.isEmpty else { return nil }
        self.user = TextFolding.fold(user)
        self.host = parts.count > 1 ? parts[1].lowercased() : nil
    }
}

/// A possible mention before the context and overlap rules.
private struct Candidate {
    var tokens: Range<Int>
    var start: Int
    var end: Int
    var term: String
    var rule: Mention.Rule
    /// Whether it came from words of the passage or a hashtag's body, so that exclusion phrases apply to it.
    var isWordMatch: Bool
    var contextWord: String?

    init(tokens: Range<Int>, start: Int, end: Int, term: String, rule: Mention.Rule, isWordMatch: Bool) {
        self.tokens = tokens
        self.start = start
        self.end = end
        self.term = term
        self.rule = rule
        self.isWordMatch = isWordMatch
    }
}

/// Which token ranges a set of phrases covers, answered in constant time per question.
///
/// For each token, the furthest end of the phrases starting at or before it, and which phrase
/// reaches it: a range lies inside a phrase when that end reaches the range's end. Linear however
/// often the passage repeats.
private struct Coverage {
    private var furthest: [(end: Int, phrase: Int)]

    init(of phrases: [Range<Int>], tokenCount: Int) {
        furthest = Array(repeating: (-1, -1), count: phrases.isEmpty ? 0 : tokenCount)
        for (index, phrase) in phrases.enumerated() where phrase.upperBound > furthest[phrase.lowerBound].end {
            furthest[phrase.lowerBound] = (phrase.upperBound, index)
        }
        for position in furthest.indices.dropFirst() where furthest[position - 1].end > furthest[position].end {
            furthest[position] = furthest[position - 1]
        }
    }

    /// The index of a phrase that covers all of `range`, if any does.
    func covering(_ range: Range<Int>) -> Int? {
        guard !furthest.isEmpty, furthest[range.lowerBound].end >= range.upperBound else { return nil }
        return furthest[range.lowerBound].phrase
    }
}

/// Something near an alias that shows the passage is about the school.
private struct Licence {
    var tokens: Range<Int>
    var term: String
}

extension Mention.Rule {
    /// Which rule wins a tie between equally long overlapping matches.
    fileprivate var strength: Int {
        switch self {
        case .name: 0
        case .hashtag: 1
        case .handle: 2
        case .domain: 3
        case .aliasWithContext, .aliasInSafeguardingPost, .aliasInConcernPost: 4
        }
    }
}
