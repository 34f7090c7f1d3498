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
    /// The schools Earshot watches for: the one school of a `[school]` table, or each
    /// `[[school]]` of a trust, in the order configured.
    public var schools: [SchoolSettings]
    /// The trust itself (`[trust]`), whose names are watched for too and whose roles answer posts
    /// about the trust; nil for a single school, or schools without a trust table.
    public var trust: SchoolSettings?
    /// The installation's calendar (`[calendar]`): the time zone times are shown in, and the
    /// working days of every school without a calendar of its own.
    public var calendar: WorkingCalendar
    public var routing: RoutingPolicy
    /// Whether a 24-hour deadline that lands on a non-working day moves to the next working day's close.
    public var movesDeadlinesOffNonWorkingDays: Bool
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

    /// Whether the configuration is a trust's (`[[school]]` tables, each with an id of its own)
    /// rather than a single school's.
    public var isTrust: Bool { schools[0].id != .sole }

    /// The installation's name for people: the trust's, else the first school's.
    public var displayName: String { trust?.name ?? schools[0].name }

    /// Every school, then the trust: everyone a post may be about.
    public var everyone: [SchoolSettings] { schools + (trust.map { [$0] } ?? []) }

    /// The school (or the trust) with this id.
    public func school(_ id: SchoolID) -> SchoolSettings? {
        everyone.first { $0.id == id }
    }

    /// A due-time calculator for the installation's calendar and settings.
    public var dueTimeCalculator: DueTimeCalculator {
        DueTimeCalculator(calendar: calendar, movesDeadlinesOffNonWorkingDays: movesDeadlinesOffNonWorkingDays)
    }

    /// A triager applying the routing rules on `school`'s calendar.
    public func triager(for school: SchoolSettings) -> CaseTriager {
        CaseTriager(policy: routing, calculator: DueTimeCalculator(calendar: school.calendar,
                                                                   movesDeadlinesOffNonWorkingDays: movesDeadlinesOffNonWorkingDays))
    }
}
