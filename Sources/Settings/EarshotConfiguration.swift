import Fetching
import Foundation
import Mentions
import Model
import Recipes
import Scheduling
import Storage
import Workflow

/// Everything `earshot.toml` and its OPML files say, as the rooms' own values.
public struct EarshotConfiguration: Sendable {
    /// The configuration file this was read from.
    public var file: URL
    /// The school's name for people (the first of its names).
    public var schoolName: String
    public var profile: SchoolProfile
    /// Where the school is (`[school] town`): a place its ambiguous aliases are searched beside.
    public var town: String?
    public var calendar: WorkingCalendar
    public var routing: RoutingPolicy
    /// Whether a 24-hour deadline that lands on a non-working day moves to the next working day's close.
    public var movesDeadlinesOffNonWorkingDays: Bool
    /// Email addresses per role.
    public var roleAddresses: [Role: [String]]
    /// The SQLite file. With a PostgreSQL `url`, its folder still holds the lock file that keeps
    /// digests and purges on this machine from overlapping.
    public var databaseFile: URL
    /// Where the store is: the SQLite file, or the PostgreSQL server of `[storage] url`.
    public var store: StoreLocation
    /// How long a scanner's claim on a source lasts unless renewed (`[storage] lease`): the
    /// longest a killed scanner's sources wait before another scanner fetches them.
    public var sourceLease: Duration
    /// Where digests are written.
    public var reportsDirectory: URL
    /// The OPML files the sources came from.
    public var feedLists: [URL]
    /// Every source from every feed list, in order, without duplicates.
    public var sources: [Source]
    public var schedule: FetchSchedule
    public var fetchSettings: FetchSettings
    public var politeness: PolitenessPolicy
    /// What every reply must respect, for the draft check.
    public var draftPolicy: DraftPolicy
    /// How replies are signed.
    public var replySignature: String
    /// Where people are asked to get in touch, in replies.
    public var replyContact: String
    /// The school's own reply templates, laid over the bundled ones; nil for the bundled ones only.
    public var templatesFolder: URL?
    /// How long after a case opens a new post by the same author joins it.
    public var caseJoinWindow: Duration
    /// How long before a source's first read an item may be published and still open a case;
    /// anything older is taken as history until `earshot scan --backfill`.
    public var historyWindow: Duration
    /// How long the text of posts and page blocks is kept before `earshot purge` removes it.
    public var postTextRetention: Duration
    /// How email is sent; nil when `[email]` is absent and nothing is emailed.
    public var email: EmailSettings?
    /// Where the recipes' feeds come from (`[recipes]`, `[bridges]`).
    public var recipes: RecipeSettings

    /// What a search for the school looks for: its names, its ambiguous aliases beside its town,
    /// and its exclusion phrases.
    public var searchTerms: SearchTerms {
        SearchTerms(names: profile.names, ambiguousAliases: profile.ambiguousAliases, place: town,
                    exclusionPhrases: profile.exclusionPhrases)
    }

    /// A due-time calculator for this school's calendar and settings.
    public var dueTimeCalculator: DueTimeCalculator {
        DueTimeCalculator(calendar: calendar, movesDeadlinesOffNonWorkingDays: movesDeadlinesOffNonWorkingDays)
    }

    /// A triager applying this school's routing rules.
    public var triager: CaseTriager {
        CaseTriager(policy: routing, calculator: dueTimeCalculator)
    }
}
