import Fetching
import Foundation
import Mentions
import Model
import Parsing

/// Reads a source once, as a scan would (a feed parsed as a feed, a page as blocks of text), and
/// counts what it holds and how much of it names the school. Nothing is stored.
public struct SourceTrial: Sendable {
    /// What one reading found.
    public struct Reading: Sendable, Hashable {
        /// The title the feed or page gives itself.
        public var title: String
        /// Items (or page blocks) read.
        public var itemCount: Int
        /// Of those, the items in which the school's profile finds a mention.
        public var mentionCount: Int

        /// Describes a reading.
        public init(title: String, itemCount: Int, mentionCount: Int) {
            self.title = title
            self.itemCount = itemCount
            self.mentionCount = mentionCount
        }
    }

    /// The fetcher the reading goes through.
    public let fetcher: PoliteFetcher
    /// The school's compiled profile.
    public let mentionFinder: MentionFinder

    /// Creates a trial fetching through `fetcher` and matching with `mentionFinder`.
    public init(fetcher: PoliteFetcher, mentionFinder: MentionFinder) {
        self.fetcher = fetcher
        self.mentionFinder = mentionFinder
    }

    /// Reads `source` once.
    /// - Throws: ``SourcingError`` when it cannot be fetched, answers with an error status, or is not a feed.
    public func read(_ source: Source) async throws(SourcingError) -> Reading {
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(FetchRequest(url: source.url)).response
        } catch {
            throw .fetch(error)
        }
        guard (200..<300).contains(response.statusCode) else { throw .status(response.statusCode, url: response.finalURL) }
        let title: String
        let items: [Item]
        switch source.kind {
        case .feed:
            do {
                let feed = try FeedParser().parse(response.body, baseURL: response.finalURL, contentType: response.contentType)
                (title, items) = (feed.title, feed.items)
            } catch {
                throw .parse(error, url: response.finalURL)
            }
        case .page:
            let page = PageParser().parse(response.body, baseURL: response.finalURL, contentType: response.contentType)
            (title, items) = (page.title, page.blocks)
        }
        let mentioning = items.filter { !mentionFinder.mentions(in: $0.fullText, sourceIsAboutSchool: source.isAboutSchool).isEmpty }
        return Reading(title: title, itemCount: items.count, mentionCount: mentioning.count)
    }
}
