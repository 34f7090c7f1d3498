import Fetching
import Foundation
import Model
import Parsing

/// Why a source could not be read on trial, for which address, keeping the cause.
public enum SourcingError: Error, Sendable, CustomStringConvertible {
    /// No answer could be had.
    case fetch(FetchError)
    /// The server answered, but not with the document.
    case status(Int, url: URL)
    /// The answer is not a feed.
    case parse(ParseError, url: URL)

    public var description: String {
        switch self {
        case .fetch(let error): error.description
        case .status(let status, let url): "HTTP status \(status) from \(AddressRedaction.redacted(url))"
        case .parse(let error, let url): "cannot read \(AddressRedaction.redacted(url)) as a feed: \(error.description)"
        }
    }
}
