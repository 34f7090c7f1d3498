import Foundation

/// What Earshot remembers about fetching one source: validators for conditional GET,
/// timings for the scheduler, and health for people.
public struct FetchState: Hashable, Sendable {
    public var sourceID: SourceID
    /// The URL fetched last time; differs from the source's own after a permanent redirect.
    public var currentURL: URL
    public var entityTag: String?
    public var lastModified: String?
    public var lastFetchedAt: Date?
    /// When the content last changed (a fetch that was not a 304 and found new items).
    public var lastChangedAt: Date?
    /// When the source should next be fetched.
    public var nextDueAt: Date?
    public var consecutiveErrors: Int
    public var lastError: String?
    /// What the source last said about how often to fetch it.
    public var scheduleHints: ScheduleHints
    /// When the source was first read successfully: what it held then, published long enough
    /// before, was its history rather than news.
    public var firstReadAt: Date?

    public init(
        sourceID: SourceID,
        currentURL: URL,
        entityTag: String? = nil,
        lastModified: String? = nil,
        lastFetchedAt: Date? = nil,
        lastChangedAt: Date? = nil,
        nextDueAt: Date? = nil,
        consecutiveErrors: Int = 0,
        lastError: String? = nil,
        scheduleHints: ScheduleHints = .none,
        firstReadAt: Date? = nil
    ) {
        self.sourceID = sourceID
        self.currentURL = currentURL
        self.entityTag = entityTag
        self.lastModified = lastModified
        self.lastFetchedAt = lastFetchedAt
        self.lastChangedAt = lastChangedAt
        self.nextDueAt = nextDueAt
        self.consecutiveErrors = consecutiveErrors
        self.lastError = lastError
        self.scheduleHints = scheduleHints
        self.firstReadAt = firstReadAt
    }

    /// Whether the last attempts failed.
    public var isHealthy: Bool { consecutiveErrors == 0 }
}
