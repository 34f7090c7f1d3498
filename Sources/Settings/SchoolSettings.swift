import Mentions
import Model
import Recipes
import Workflow

/// One school of an installation, as the single `[school]` table or one `[[school]]` table
/// describes it, or the trust itself (`[trust]`): how it is named in posts, who answers for it
/// and when its working days are.
public struct SchoolSettings: Sendable {
    /// ``SchoolID/sole`` for a single school, the table's `id` for a trust's school, and
    /// ``SchoolID/trust`` for the trust.
    public var id: SchoolID
    /// Its name for people (the first of its names).
    public var name: String
    public var profile: SchoolProfile
    /// Where it is (`town`): a place its ambiguous aliases are searched beside.
    public var town: String?
    /// Its working calendar: its own `calendar` table, else the installation's `[calendar]`.
    public var calendar: WorkingCalendar
    /// Email addresses per role: who is alerted for its cases.
    public var roleAddresses: [Role: [String]]
    /// Who its digest is emailed to.
    public var digestRecipients: [String]

    public init(
        id: SchoolID, profile: SchoolProfile, town: String? = nil, calendar: WorkingCalendar, roleAddresses: [Role: [String]],
        digestRecipients: [String] = []
    ) {
        self.id = id
        self.name = profile.names.first ?? id.rawValue
        self.profile = profile
        self.town = town
        self.calendar = calendar
        self.roleAddresses = roleAddresses
        self.digestRecipients = digestRecipients
    }

    /// What a search for the school looks for: its names, its ambiguous aliases beside its town,
    /// and its exclusion phrases.
    public var searchTerms: SearchTerms {
        SearchTerms(names: profile.names, ambiguousAliases: profile.ambiguousAliases, place: town,
                    exclusionPhrases: profile.exclusionPhrases)
    }
}
