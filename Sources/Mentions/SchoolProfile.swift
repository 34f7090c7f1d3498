/// Everything that identifies one school in text: its names, the aliases that need context,
/// its hashtags, social media handles and web domains.
///
/// A profile is plain configuration. `MentionFinder` compiles it once into the structures it
/// matches with, so a profile can be built from any source (a configuration file, a test)
/// without knowing how matching works. Terms are written as a person would write them
/// ("St Mary's C of E Primary", "#MillbrookAcademy", "@MillbrookAcad", "millbrook-academy.example");
/// case, accents, punctuation and hyphens are folded away when the profile is compiled.
public struct SchoolProfile: Sendable, Hashable {
    /// The context window used when a profile does not set one: twelve words either side.
    public static let defaultContextWindow = 12

    /// Names that identify the school on their own ("Millbrook Academy").
    public var names: [String]
    /// Short or common names that identify the school only near a context word, or in a source
    /// that is about the school ("Millbrook", "MBA").
    public var ambiguousAliases: [String]
    /// Hashtags, with or without the leading `#` ("#MillbrookAcademy").
    public var hashtags: [String]
    /// Social media handles, with or without the leading `@`: `@MillbrookAcad`, or a fediverse
    /// address such as `@millbrookacademy@schools.example`.
    public var handles: [String]
    /// Web domains the school owns; every subdomain counts too ("millbrook-academy.example").
    public var domains: [String]
    /// Words or short phrases that show a passage is about a school ("school", "pupils", "Ofsted").
    public var contextWords: [String]
    /// Phrases that contain an alias or name but mean something else ("Millbrook Road", "MBA programme").
    public var exclusionPhrases: [String]
    /// How many words either side of an ambiguous alias a context word may be.
    public var contextWindow: Int

    /// Creates a profile; every list but `names` may be left empty.
    public init(
        names: [String],
        ambiguousAliases: [String] = [],
        hashtags: [String] = [],
        handles: [String] = [],
        domains: [String] = [],
        contextWords: [String] = [],
        exclusionPhrases: [String] = [],
        contextWindow: Int = SchoolProfile.defaultContextWindow
    ) {
        self.names = names
        self.ambiguousAliases = ambiguousAliases
        self.hashtags = hashtags
        self.handles = handles
        self.domains = domains
        self.contextWords = contextWords
        self.exclusionPhrases = exclusionPhrases
        self.contextWindow = contextWindow
    }
}
