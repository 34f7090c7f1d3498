import Foundation

/// A school's profile as far as its name, aliases, website and town tell it, for `earshot init --school`.
///
/// Rules, in order:
/// - the school's name is a name; an alias that says what kind of school it is ("Hollin Brook
///   School", "Hollin Brook Sixth Form") is a name too;
/// - any other alias ("HBA", "Hollin Brook") needs context and is an ambiguous alias, and so is
///   each name without its kind ("Hollin Brook" from "Hollin Brook Academy"), unless that is the
///   town itself;
/// - hashtags, when none are given, are the names run together ("#HollinBrookAcademy");
/// - handles keep one leading `@`;
/// - the website's host, without `www.`, is the school's domain.
public struct StarterProfile: Sendable, Hashable {
    /// Names that always mean the school.
    public var names: [String]
    /// Names that mean the school only near a context word.
    public var ambiguousAliases: [String]
    /// Hashtags without `#`.
    public var hashtags: [String]
    /// Social media handles, each with one leading `@`.
    public var handles: [String]
    /// Web domains the school owns.
    public var domains: [String]
    /// The school's town, a context word and the place its ambiguous aliases are searched beside.
    public var town: String?
    /// The school's website.
    public var website: URL?

    /// Words that say what kind of school a name is, or which church it belongs to; a name
    /// without them is its distinctive part.
    static let kindWords: Set<String> = [
        "academy", "school", "college", "primary", "secondary", "infant", "infants", "junior", "juniors",
        "grammar", "high", "nursery", "community", "church", "england", "of", "c", "e", "ce", "rc", "cofe",
        "catholic", "methodist", "federation", "trust", "free", "upper", "middle", "lower", "first", "sixth",
        "form", "studio", "and", "&", "va", "vc",
    ]

    /// Derives a profile.
    /// - Parameters:
    ///   - school: the school's full name.
    ///   - aliases: other names people use.
    ///   - website: the school's site.
    ///   - town: where it is.
    ///   - hashtags: its hashtags, with or without `#`; empty to derive them from the names.
    ///   - handles: its own social media handles.
    public init(school: String, aliases: [String] = [], website: URL? = nil, town: String? = nil,
                hashtags: [String] = [], handles: [String] = []) {
        let town = town.map(Self.collapsed).flatMap { $0.isEmpty ? nil : $0 }
        let givenAliases = aliases.map(Self.collapsed).filter { !$0.isEmpty }
        var names = Self.distinct([Self.collapsed(school)] + givenAliases.filter(Self.namesAKindOfSchool))
        names.removeAll { $0.isEmpty }
        let shortNames = names.compactMap(Self.distinctivePart)
        let townKey = town.map(QueryText.folded)
        let nameKeys = Set(names.map(QueryText.folded))
        self.names = names
        self.ambiguousAliases = Self.distinct(shortNames + givenAliases.filter { !Self.namesAKindOfSchool($0) })
            .filter { !nameKeys.contains(QueryText.folded($0)) && QueryText.folded($0) != townKey }
        let givenTags = hashtags.map { String($0.drop { $0 == "#" || $0.isWhitespace }) }.filter { !$0.isEmpty }
        self.hashtags = Self.distinct(givenTags.isEmpty ? names.map(Self.runTogether).filter { !$0.isEmpty } : givenTags)
        self.handles = Self.distinct(handles.map { "@" + $0.trimmingCharacters(in: .whitespaces).drop { $0 == "@" } }
            .filter { $0.count > 1 })
        self.website = website
        self.domains = website?.host.map { host in
            let lowered = host.lowercased()
            return [lowered.hasPrefix("www.") ? String(lowered.dropFirst(4)) : lowered]
        } ?? []
        self.town = town
    }

    /// The search terms of this profile: names, aliases beside the town, no exclusions yet.
    public var searchTerms: SearchTerms {
        SearchTerms(names: names, ambiguousAliases: ambiguousAliases, place: town)
    }

    /// A phrase worth suggesting as an exclusion: the first alias followed by "Road" ("Hollin
    /// Brook Road"), the commonest clash for a school named after its place.
    public var suggestedExclusion: String? {
        ambiguousAliases.first.map { $0 + " Road" }
    }

    /// Whether a name says what kind of school it is.
    static func namesAKindOfSchool(_ name: String) -> Bool {
        let words = QueryText.folded(name).split(separator: " ")
        return words.contains { ["academy", "school", "college", "primary", "grammar", "sixth", "nursery"].contains(String($0)) }
    }

    /// A name without the words that say what kind of school it is, from the end ("Hollin Brook"
    /// from "Hollin Brook Academy"); nil when nothing distinctive of at least three letters is left
    /// or nothing was taken off.
    static func distinctivePart(of name: String) -> String? {
        var words = name.split(separator: " ").map(String.init)
        let original = words.count
        while let last = words.last, kindWords.contains(last.lowercased().trimmingCharacters(in: .punctuationCharacters)) {
            words.removeLast()
        }
        if words.first?.lowercased() == "the" { words.removeFirst() }
        let part = words.joined(separator: " ")
        guard words.count < original, part.filter(\.isLetter).count >= 3 else { return nil }
        return part
    }

    /// A name's letters and digits run together, each word capitalised: "HollinBrookAcademy".
    static func runTogether(_ name: String) -> String {
        name.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "’" })
            .map { word in
                let kept = word.filter { $0.isLetter || $0.isNumber }
                return kept.prefix(1).uppercased() + kept.dropFirst()
            }
            .joined()
    }

    private static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func distinct(_ terms: [String]) -> [String] {
        var seen = Set<String>()
        return terms.filter { seen.insert(QueryText.folded($0)).inserted }
    }
}
