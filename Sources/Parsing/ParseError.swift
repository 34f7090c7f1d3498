import Foundation

/// Why a document could not be read as a feed, a page or an OPML subscription list.
///
/// A struct rather than an enum so that callers can match on a stable ``Code`` while the set of
/// codes grows. The message is written for the person who maintains the source or the OPML file,
/// and names the line when libxml2 or the OPML walker knows it.
public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure, for callers that react differently to each.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) {
            self.name = name
        }

        /// The code's name, for logs.
        public var description: String { name }

        /// The document held no bytes, or only whitespace.
        public static let emptyDocument = Code("emptyDocument")
        /// The document parsed, but is not RSS, Atom or JSON Feed (an HTML page, say).
        public static let notAFeed = Code("notAFeed")
        /// The document starts like JSON but is not valid JSON.
        public static let invalidJSON = Code("invalidJSON")
        /// The document is too large to hand to libxml2.
        public static let tooLarge = Code("tooLarge")
        /// An OPML file is not well-formed XML.
        public static let malformedXML = Code("malformedXML")
        /// A well-formed XML file that is not OPML.
        public static let notOPML = Code("notOPML")
        /// One outline of an OPML file cannot become a source.
        public static let invalidOutline = Code("invalidOutline")
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong, in words a person can act on.
    public let message: String
    /// The line of the document where the problem was found, when known.
    public let line: Int?

    /// Creates an error; the room's parsers use the static helpers below instead.
    public init(code: Code, message: String, line: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
    }

    /// The message, prefixed with the line when known.
    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}

extension ParseError {
    static func emptyDocument() -> ParseError {
        ParseError(code: .emptyDocument, message: "the document is empty")
    }

    static func tooLarge(byteCount: Int) -> ParseError {
        ParseError(code: .tooLarge, message: "the document is too large to parse (\(byteCount) bytes)")
    }

    static func notAFeed(_ reason: String) -> ParseError {
        ParseError(code: .notAFeed, message: "not a feed: \(reason)")
    }

    static func invalidJSON(_ reason: String) -> ParseError {
        ParseError(code: .invalidJSON, message: "the document looks like JSON but cannot be read: \(reason)")
    }
}
