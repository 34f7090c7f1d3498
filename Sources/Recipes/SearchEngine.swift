import Foundation

/// A search engine whose results come as a feed, with the syntax and limits of its queries.
public enum SearchEngine: String, CaseIterable, Sendable, Hashable {
    case googleNews
    case bingNews
    case reddit

    /// How long a query may be.
    public enum LengthLimit: Sendable, Hashable {
        /// At most this many words, operators and each word of a quoted phrase counted one by one.
        case words(Int)
        /// At most this many search terms: each word of a quoted phrase counts, the operators `OR`,
        /// `AND` and `NOT` do not.
        case terms(Int)
        /// At most this many characters.
        case characters(Int)

        /// Whether `query` keeps within the limit.
        public func allows(_ query: String) -> Bool {
            let words = query.split(whereSeparator: \.isWhitespace)
            switch self {
            case .words(let most):
                return words.count <= most
            case .terms(let most):
                let operators: Set<String> = ["OR", "AND", "NOT"]
                return words.filter { !operators.contains($0.trimmingCharacters(in: CharacterSet(charactersIn: "()"))) }.count <= most
            case .characters(let most):
                return query.count <= most
            }
        }
    }

    /// The recipe that reads this engine.
    public var recipe: RecipeKind {
        switch self {
        case .googleNews: .googleNews
        case .bingNews: .bingNews
        case .reddit: .reddit
        }
    }

    /// The engine's name for people.
    public var displayName: String {
        switch self {
        case .googleNews: "Google News"
        case .bingNews: "Bing News"
        case .reddit: "Reddit"
        }
    }

    /// The engine's limit on a query's length: Google reads the first 32 words of a query; Bing
    /// uses only the first 10 terms (its "Advanced search options" help page); Reddit's search
    /// takes at most 512 characters (its API documentation of `/search`).
    public var lengthLimit: LengthLimit {
        switch self {
        case .googleNews: .words(32)
        case .bingNews: .terms(10)
        case .reddit: .characters(512)
        }
    }

    /// How the engine writes "not this phrase" before a quoted phrase: `-` for Google and Bing,
    /// `NOT ` for Reddit's search.
    var exclusionPrefix: String {
        switch self {
        case .googleNews, .bingNews: "-"
        case .reddit: "NOT "
        }
    }

    /// Where the engine lives unless the configuration says otherwise.
    public var standardBase: URL {
        switch self {
        case .googleNews: URL(string: "https://news.google.com")!
        case .bingNews: URL(string: "https://www.bing.com")!
        case .reddit: URL(string: "https://www.reddit.com")!
        }
    }

    /// The feed's address with `QUERY` standing for the query, on the engine's standard base.
    public var urlTemplate: String {
        feedAddress(base: standardBase.absoluteString, encodedQuery: "QUERY")
    }

    /// The address of the feed of results for `query`, on `base`.
    public func feedURL(for query: String, base: URL) -> URL {
        URL(string: feedAddress(base: base.absoluteString, encodedQuery: QueryText.encoded(query)))!
    }

    private func feedAddress(base: String, encodedQuery: String) -> String {
        let base = QueryText.trimmedBase(base)
        return switch self {
        case .googleNews: "\(base)/rss/search?q=\(encodedQuery)&hl=en-GB&gl=GB&ceid=GB:en"
        case .bingNews: "\(base)/news/search?q=\(encodedQuery)&format=rss"
        case .reddit: "\(base)/search.rss?q=\(encodedQuery)&sort=new"
        }
    }
}
