import Foundation

/// Namespace URIs of the feed formats and extensions this room reads.
enum FeedNamespace {
    static let xml = "http://www.w3.org/XML/1998/namespace"
    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    static let rss20Userland = "http://backend.userland.com/rss2"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    static let dublinCoreTerms = "http://purl.org/dc/terms/"
    static let media = "http://search.yahoo.com/mrss/"
    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let iTunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    /// The iTunes namespace in every spelling found in the wild (Apple's own early
    /// documentation capitalised it).
    static let iTunesSpellings: Set<String?> = [
        iTunes, "http://www.itunes.com/DTDs/Podcast-1.0.dtd", "http://www.itunes.com/DTDs/PodCast-1.0.dtd",
    ]

    /// One-member sets, built once, for the lookups every item makes.
    static let dublinCoreSet: Set<String?> = [dublinCore]
    static let dublinCoreTermsSet: Set<String?> = [dublinCoreTerms]
    static let mediaSet: Set<String?> = [media]
    static let atom10Set: Set<String?> = [atom10]
    static let contentSet: Set<String?> = [content]
    static let xhtmlSet: Set<String?> = [xhtml]
    static let noneSet: Set<String?> = [nil]

    /// The namespace a prefix conventionally names, for documents that use it undeclared.
    static func conventionalURI(forPrefix prefix: String) -> String? {
        switch prefix.lowercased() {
        case "dc": dublinCore
        case "dcterms": dublinCoreTerms
        case "content": content
        case "media": media
        case "atom": atom10
        case "itunes": iTunes
        case "rdf": rdf
        case "xml": xml
        default: nil
        }
    }
}
