import Foundation
import Model
import Workflow

// The fields of the workspace's forms and queries, decoded by Hummingbird's
// `URLEncodedFormDecoder`. Every field may be missing: the use cases say what is wanted, in words
// for people, rather than the decoder refusing the request.

/// The sign-in form.
struct SignInForm: Decodable {
    var name: String?
    var password: String?
}

/// Any form's token (see `FormTokenMiddleware`).
struct FormToken: Decodable {
    var value: String?

    private enum CodingKeys: String, CodingKey {
        case value = "csrf_token"
    }
}

/// A draft reply, from the reply form or from the live check's script.
struct DraftForm: Decodable {
    var text: String?
    var audience: String?
}

/// A senior leader's approval, naming the draft they were shown.
struct ApprovalForm: Decodable {
    var draft: String?
}

/// An escalation or dismissal, with its reason.
struct ReasonForm: Decodable {
    var reason: String?
}

/// The digest page's query: the day to show.
struct DigestQuery: Decodable {
    var date: String?
}

/// The queue's filters, from the page's query; an empty field filters nothing.
struct QueueFilter: Decodable, Sendable {
    var concern: Concern?
    var owner: String?
    var status: String?
    var source: String?

    private enum CodingKeys: String, CodingKey {
        case concern, owner, status, source
    }

    init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        concern = try fields.nonEmptyText(.concern).flatMap(Concern.init(rawValue:))
        owner = try fields.nonEmptyText(.owner)
        status = try fields.nonEmptyText(.status)
        source = try fields.nonEmptyText(.source)
    }

    func matches(_ item: CaseSummary) -> Bool {
        if let concern, !(item.primaryConcern == concern || item.concerns.contains(concern)
                          || (concern == .safeguarding && item.touchesSafeguarding)) { return false }
        if let owner, item.owner.rawValue != owner { return false }
        if let status, status != "all", item.status.rawValue != status { return false }
        if let source, item.sourceTitle != source { return false }
        return true
    }
}

/// The mentions search, from the page's query.
struct MentionSearch: Decodable, Sendable {
    /// At most this many mentions are listed.
    static let pageSize = 100

    /// Words that must each appear in a mention's title or text.
    var text: String
    var concern: Concern?
    var sentiment: SentimentLabel?

    private enum CodingKeys: String, CodingKey {
        case text = "q", concern, sentiment
    }

    init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        text = (try fields.nonEmptyText(.text) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        concern = try fields.nonEmptyText(.concern).flatMap(Concern.init(rawValue:))
        sentiment = try fields.nonEmptyText(.sentiment).flatMap(SentimentLabel.init(rawValue:))
    }
}

extension KeyedDecodingContainer {
    /// A field's text, or nil when it is missing or empty.
    func nonEmptyText(_ key: Key) throws -> String? {
        try decodeIfPresent(String.self, forKey: key).flatMap { $0.isEmpty ? nil : $0 }
    }
}
