import Foundation
import Model
import Storage
import Workflow

/// What the workspace needs from the school's configuration.
public struct WorkspaceSettings: Sendable {
    /// The store scans write to: an SQLite file or a PostgreSQL database.
    public var store: StoreLocation
    /// The school's name, for page titles.
    public var schoolName: String
    /// The school's clock, for due times.
    public var timeZone: TimeZone
    /// The rules the draft check applies.
    public var draftPolicy: DraftPolicy
    /// Whether cookies carry `Secure`: true whenever the workspace is reached over HTTPS (behind a
    /// proxy), false only for plain HTTP on the loopback interface.
    public var usesSecureCookies: Bool
    /// How long a session lasts after signing in.
    public var sessionLifetime: TimeInterval
    /// The concerns the routing in force treats as urgent, for the day's digest.
    public var urgentConcerns: Set<Concern>

    /// Settings from their parts; sessions last eight hours unless told.
    public init(
        store: StoreLocation, schoolName: String, timeZone: TimeZone, draftPolicy: DraftPolicy,
        usesSecureCookies: Bool, urgentConcerns: Set<Concern>, sessionLifetime: TimeInterval = 8 * 3600
    ) {
        self.urgentConcerns = urgentConcerns
        self.store = store
        self.schoolName = schoolName
        self.timeZone = timeZone
        self.draftPolicy = draftPolicy
        self.usesSecureCookies = usesSecureCookies
        self.sessionLifetime = sessionLifetime
    }
}
