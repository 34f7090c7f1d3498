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
    /// A passage of at most this many tokens is a short post (a tweet, a Facebook comment, a
    /// forum one-liner): a context word anywhere in it licenses an ambiguous alias, however far
    /// apart they are, since such a post is about one thing. Longer passages keep the window.
    public static let shortPostTokens = 60

    /// Words and phrases that show any passage is about a school, the way parents, pupils and the
    /// local press write: children and year groups (including the forum shorthand "DD", "DS",
    /// "Y7"), staff, places and events of school life, admissions. They count as context for every
    /// profile, besides the profile's own `contextWords`; `MentionFinder` adds each one's plural, so
    /// the list names the singular ("teacher", "year 7") and only plurals it cannot make
    /// ("dinner ladies", "heads of year").
    public static let standardContextWords: [String] = [
        "school", "academy", "pupil", "student", "teacher", "head", "headteacher", "head teacher", "headmaster",
        "headmistress", "deputy head", "head of year", "form tutor", "tutor group", "senco", "sen", "send",
        "ehcp", "governors", "staff", "ofsted", "parent", "mums", "dads", "dd", "ds", "my son", "my daughter",
        "our son", "our daughter", "children", "child", "year group", "year 6", "year 7", "year 8", "year 9",
        "year 10", "year 11", "year 12", "year 13", "y6", "y7", "y8", "y9", "y10", "y11", "y12", "y13", "yr7",
        "yr8", "yr9", "yr10", "yr11", "yr12", "yr13", "sixth form", "sixth former", "gcse", "a level", "exam",
        "results day", "coursework", "homework", "detention", "isolation", "exclusion", "excluded", "suspended",
        "uniform", "blazer", "pe kit", "classroom", "lesson", "timetable", "term", "half term", "inset day",
        "school run", "playground", "canteen", "lunchtime", "school meals", "assembly", "school trip",
        "sports day", "prom", "parents evening", "open evening", "open day", "admissions", "catchment",
        "offer day", "place at", "our place", "a place", "waiting list", "appeal", "secondary", "transition",
        "safeguarding", "bullying", "bullied", "bus pass", "school bus", "pta", "after school club",
        "year 7 parents", "heads of year", "principal", "caretaker", "receptionist", "librarian", "dinner ladies",
        "lunch staff", "school office", "science block", "sports hall", "school gates", "the gates", "toilets",
        "inset", "newsletter", "house system", "form room", "maths", "english", "science", "history", "geography",
        "french", "mr", "mrs", "start at", "starting at", "in september", "in my year", "in ur year",
        "in your year", "in his year", "in her year", "in their year", "in our year", "sent home", "pastoral",
        "ucas", "predicted grades", "reception class", "nursery", "year 1", "year 2", "year 3", "year 4",
        "year 5", "y1", "y2", "y3", "y4", "y5", "ks1", "ks2", "ks3", "ks4", "sats", "phonics", "class teacher",
        "residential", "field trip", "first choice", "second choice", "pick up", "pickup", "drop off", "dropoff",
        "ski trip", "kid", "grandson", "granddaughter", "my form", "in my form", "year old", "prefect",
        "dinner money", "fete", "pe", "tutor", "non uniform", "non-uniform", "packed lunch", "lunch menu",
        "breakfast club", "wraparound", "behaviour policy", "phone policy", "uniform policy", "attendance policy",
        "homework policy", "house points", "merits", "demerits", "sticker chart", "reward points",
        "senior leadership", "leadership team", "slt", "governing body", "academy trust", "top set", "bottom set",
        "free periods", "study leave", "options evening", "revision sessions", "supply teacher", "cover teacher",
        "cover supervisor", "cover lessons", "teaching assistant", "head of sixth form", "head of department",
        "dsl", "lollipop man", "lollipop lady", "crossing patrol", "dinner lady", "midday supervisor",
        "reading challenge", "reading scheme", "reading books", "spelling test", "spellings", "times tables",
        "world book day", "nativity", "school play", "school concert", "school choir", "duke of edinburgh",
        "dofe", "music department", "drama department", "in-year", "parentmail", "class dojo", "mock",
        "mock exam", "revision", "revising", "exam season", "eleven plus", "11 plus", "break up", "breaks up",
        "broke up", "breaking up", "back to school", "first day back", "last day of term", "end of term",
        "autumn term", "spring term", "summer term", "snow day", "harvest festival", "christmas fair",
        "summer fair", "christmas fayre", "summer fayre", "carol service", "leavers assembly", "awards evening",
        "presentation evening", "prize giving", "star of the week", "class assembly", "school disco", "bake sale",
        "cake sale", "dress up day", "red nose day", "children in need", "corridor", "staffroom", "staff room",
        "lunch hall", "dinner hall", "medical room", "school field", "locker", "lunchbox", "lunch box", "planner",
        "lanyard", "book bag", "pe bag", "pupil premium", "site team", "site manager", "office staff",
        "school nurse", "classmate", "form group", "lunchtime supervisor", "netball", "voluntary contribution",
        "parentpay", "trip money", "lunch money", "behaviour point", "achievement points", "authorised absence",
        "unauthorised absence", "lost property", "walking bus", "own clothes day", "class page", "class photo",
        "class rep", "teaching job", "teaching post", "teaching staff", "leavers", "school dinner", "letter home",
    ] + (3...18).map { "\($0)yo" } + (3...18).map { "aged \($0)" }

    /// Phrases that license an ambiguous alias written right after them, whatever else the passage
    /// says: a child, a year group or a member of staff "at" it, going to or starting at it, a
    /// place or an offer there ("girls at Millbrook", "my son goes to Millbrook", "taught at MBA").
    public static let standardLeadIns: [String] = [
        "pupil at", "pupils at", "student at", "students at", "girls at", "boys at", "kids at", "children at",
        "child at", "son at", "sons at", "daughter at", "daughters at", "dd at", "ds at", "year at", "class at",
        "teacher at", "teachers at", "teach at", "teaches at", "teaching at", "taught at", "head at",
        "started at", "starts at", "places at", "parents at", "mums at", "dads at",
        "i go to", "he goes to", "she goes to", "they go to", "kids go to", "children go to",
        "son goes to", "daughter goes to", "dd goes to", "ds goes to", "who go to", "who goes to",
        "offered", "got into", "applied to", "applying to", "apply to",
        "appeal for", "appealing for", "youre at",
    ]

    /// Words that license an ambiguous alias written right before them, whatever else the passage
    /// says: its pupils by the school's name ("Millbrook girls", "the Millbrook boys") and the people
    /// who run it ("the Millbrook office", "Millbrook's leadership").
    public static let standardLeadOuts: [String] = [
        "girls", "boys", "office", "leadership", "mum", "dad", "alumni", "alumnae", "old boys", "old girls",
    ]

    /// Phrases whose school words are about something else, so count as no context: another kind
    /// of school ("business school", "driving school"), a place on a course rather than at a school.
    public static let standardNonSchoolPhrases: [String] = [
        "business school", "business schools", "law school", "medical school", "driving school", "dance school",
        "language school", "graduate school", "summer school", "school of business", "school of management",
        "a place on", "places on",
    ]

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
    /// Words or short phrases that show a passage is about this school, besides
    /// `standardContextWords` ("Ashcombe", "the Brook").
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
