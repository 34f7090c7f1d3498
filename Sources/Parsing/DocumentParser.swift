import Dispatch
import Foundation
import Model

/// Reads documents as feeds or as web pages: one at a time, or a batch at once on several
/// threads, with each result in the order the documents were given.
///
/// For people checking one source and for runs over test corpora. In a batch each worker takes
/// the next document not yet taken, so a slow document holds up one worker only; libxml2 keeps
/// its error handlers per thread and the parsers are pure, so workers share nothing else. This
/// room reads no files: a batch's bytes come from the `load` its caller supplies.
public struct DocumentParser: Sendable {
    /// The parser for feeds.
    public let feedParser: FeedParser
    /// The parser for pages.
    public let pageParser: PageParser
    /// Whether documents are read as web pages rather than feeds.
    public let readsPages: Bool

    /// A parser of feeds (keeping each item's details apart when told) or of pages.
    public init(keepsItemDetails: Bool = false, readsPages: Bool = false) {
        feedParser = FeedParser(keepsItemDetails: keepsItemDetails)
        pageParser = PageParser()
        self.readsPages = readsPages
    }

    /// A document read as a feed or as a page.
    public enum Parsed: Sendable {
        case feed(ParsedFeed)
        case page(ParsedPage)

        /// The items the document gave.
        public var items: [Item] {
            switch self {
            case .feed(let feed): feed.items
            case .page(let page): page.blocks
            }
        }
    }

    /// One document of a batch: where it is (as its caller names it), the URL its relative links
    /// resolve against, and the HTTP Content-Type to read it with.
    public struct Document: Sendable, Hashable {
        public var location: String
        public var baseURL: URL
        public var contentType: String?

        public init(location: String, baseURL: URL, contentType: String? = nil) {
            self.location = location
            self.baseURL = baseURL
            self.contentType = contentType
        }
    }

    /// What became of one document of a batch.
    public struct Outcome: Sendable {
        /// Why a document gave no result.
        public enum Failure: Error, Sendable {
            /// Its bytes could not be read.
            case unreadable
            /// It could not be parsed.
            case unparseable(ParseError)
        }

        public var document: Document
        /// The document's size; 0 when it could not be read.
        public var byteCount: Int
        /// The time spent inside the parser, reading excluded.
        public var parseTime: Duration
        public var result: Result<Parsed, Failure>
    }

    /// Parses one document.
    /// - Throws: ``ParseError`` when a feed cannot be read (a page always gives a result, perhaps empty).
    public func parse(_ data: Data, baseURL: URL, contentType: String? = nil) throws(ParseError) -> Parsed {
        if readsPages {
            return .page(pageParser.parse(data, baseURL: baseURL, contentType: contentType))
        }
        return .feed(try feedParser.parse(data, baseURL: baseURL, contentType: contentType))
    }

    /// Parses a batch of documents on `workers` threads at once, and returns what `present` makes
    /// of each outcome, in the order of the documents. `present` runs on the worker too, so that
    /// whatever is made of each result (a line of JSON, say) is made in parallel as well.
    /// - Parameters:
    ///   - load: the bytes of a document, or nil when they cannot be read.
    public func parse<Presented: Sendable>(
        _ documents: [Document], workers: Int, load: @Sendable (Document) -> Data?, present: @Sendable (Outcome) -> Presented
    ) -> [Presented] {
        let board = WorkBoard<Presented>(count: documents.count)
        DispatchQueue.concurrentPerform(iterations: min(max(1, workers), max(1, documents.count))) { _ in
            while let index = board.take() {
                board.finish(index, with: present(outcome(of: documents[index], load: load)))
            }
        }
        return board.results
    }

    private func outcome(of document: Document, load: (Document) -> Data?) -> Outcome {
        guard let data = load(document) else {
            return Outcome(document: document, byteCount: 0, parseTime: .zero, result: .failure(.unreadable))
        }
        let clock = ContinuousClock()
        let started = clock.now
        let result = Result { () throws(ParseError) in try parse(data, baseURL: document.baseURL, contentType: document.contentType) }
            .mapError(Outcome.Failure.unparseable)
        return Outcome(document: document, byteCount: data.count, parseTime: clock.now - started, result: result)
    }
}

/// The documents of a batch still to take, and the results of those done, shared by the workers
/// under one lock (taken twice per document, so never held for long).
private final class WorkBoard<Presented: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var nextIndex = 0
    private var finished: [Presented?]

    init(count: Int) {
        finished = Array(repeating: nil, count: count)
    }

    /// The index of the next document to parse, or nil when all are taken.
    func take() -> Int? {
        lock.withLock {
            guard nextIndex < finished.count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func finish(_ index: Int, with result: Presented) {
        lock.withLock { finished[index] = result }
    }

    /// The results in the order of the documents.
    var results: [Presented] {
        lock.withLock { finished.compactMap { $0 } }
    }
}
