import Foundation
import Model
import Storage
import Workflow

/// What the workspace needs from the school's configuration.
public struct WorkspaceSettings: Sendable {
    /// The store scans write to: an SQLite file or a PostgreSQL database.
    public var store: StoreLocation
    /// The school's (or the trust's) name, for page titles.
    public var schoolName: String
    /// Each school's name by its id (and the trust's), to show whose case is whose; one entry,
    /// ``Model/SchoolID/sole``, for a single school.
    public var schoolNames: [SchoolID: String]
    /// The school's clock, for due times.
    public var timeZone: TimeZone
    /// The rules the draft check applies.
    public var draftPolicy: DraftPolicy
    /// Whether cookies carry `Secure`: true whenever the workspace is reached over HTTPS (behind a
    /// proxy), false only for plain HTTP on the loopback interface.
    public var usesSecureCookies: Bool
    /// Whether the workspace serves a trust's schools rather than a single school.
    public var isTrust: Bool { schoolNames[.sole] == nil }

    /// How long a session lasts after signing in.
    public var sessionLifetime: TimeInterval
    /// The concerns the routing in force treats as urgent, for the day's digest.
    public var urgentConcerns: Set<Concern>

    /// Settings from their parts; sessions last eight hours unless told.
    public init(
        store: StoreLocation, schoolName: String, schoolNames: [SchoolID: String] = [:], timeZone: TimeZone, draftPolicy: DraftPolicy,
        usesSecureCookies: Bool, urgentConcerns: Set<Concern>, sessionLifetime: TimeInterval = 8 * 3600
    ) {
        self.schoolNames = schoolNames.isEmpty ? [.sole: schoolName] : schoolNames
        self.urgentConcerns = urgentConcerns
        self.store = store
        self.schoolName = schoolName
        self.timeZone = timeZone
        self.draftPolicy = draftPolicy
        self.usesSecureCookies = usesSecureCookies
        self.sessionLifetime = sessionLifetime
    }
}
