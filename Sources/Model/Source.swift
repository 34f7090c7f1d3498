import Foundation

/// A public place Earshot watches: a syndication feed or a web page.
public struct Source: Hashable, Sendable, Identifiable {
    /// Whether the source is a feed (RSS, Atom, JSON Feed) or a web page read as text blocks.
    public enum Kind: String, Hashable, Sendable, Codable {
        case feed
        case page
    }

    public let id: SourceID
    /// Where to fetch it from: http, https or file.
    public var url: URL
    public var kind: Kind
    /// The title given in the OPML file, for people.
    public var title: String
    /// Set when every item of this source is about the school (its own news feed, say),
    /// so that ambiguous aliases need no context words there.
    public var isAboutSchool: Bool
    /// Set when the source is the school's own (its site, its own accounts): its items are the
    /// school speaking, counted in the digest but never a case to answer.
    public var isSchoolsOwn: Bool
    /// Set when a page's blocks are one conversation (a forum thread's replies), so that they join
    /// one case; otherwise each block of a page (a review, a noticeboard post) is a post of its own.
    public var isOneConversation: Bool
    /// How often to check it, overriding the configured default.
    public var refreshInterval: Duration?
    /// The school the source belongs to (`earshotSchool` in the OPML file): only that school is
    /// looked for in it, and its "about the school" and "the school's own" marks are that school's.
    /// Nil for a source shared by every school (local news, a search).
    public var school: SchoolID?

    public init(
        id: SourceID? = nil,
        url: URL,
        kind: Kind,
        title: String,
        isAboutSchool: Bool = false,
        isSchoolsOwn: Bool = false,
        isOneConversation: Bool = false,
        refreshInterval: Duration? = nil,
        school: SchoolID? = nil
    ) {
        self.id = id ?? SourceID(rawValue: url.absoluteString)
        self.url = url
        self.kind = kind
        self.title = title
        self.isAboutSchool = isAboutSchool
        self.isSchoolsOwn = isSchoolsOwn
        self.isOneConversation = isOneConversation
        self.refreshInterval = refreshInterval
        self.school = school
    }
}
