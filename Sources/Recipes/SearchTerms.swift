/// What a search for the school looks for, taken from its profile.
public struct SearchTerms: Sendable, Hashable {
    /// Names that mean the school wherever they appear ("Hollin Brook Academy").
    public var names: [String]
    /// Names that mean the school only in context ("Hollin Brook", "HBA"): searched only beside
    /// the place.
    public var ambiguousAliases: [String]
    /// Where the school is ("Aireby"); without it, ambiguous aliases are not searched for.
    public var place: String?
    /// Phrases that contain a name or alias but mean something else ("Hollin Brook Road").
    public var exclusionPhrases: [String]

    /// Creates search terms; every list may be empty.
    public init(names: [String], ambiguousAliases: [String] = [], place: String? = nil, exclusionPhrases: [String] = []) {
        self.names = names
        self.ambiguousAliases = ambiguousAliases
        self.place = place
        self.exclusionPhrases = exclusionPhrases
    }
}
