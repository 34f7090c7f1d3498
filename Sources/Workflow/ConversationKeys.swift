import Foundation
import Model

/// What ties posts into one conversation, so that findings about the same thread, page or author
/// join one case instead of opening one each.
///
/// - A block of a web page belongs to the page when the page is one conversation (a forum thread,
///   `Source.isOneConversation`); otherwise each block is a post of its own (reviews on one page,
///   a noticeboard), joined to others only by its author.
/// - A feed item belongs to the thread its link points at: the link without its fragment and
///   without query parameters that only move within a thread (`goto`, `page`, `start`, …), and for
///   `/comments/<id>/<slug>/…` links, the thread part only.
/// - Its author, within one source, ties posts by the same person in a time window.
public enum ConversationKeys {
    /// Query parameters that move within a thread rather than name one.
    static let navigationParameters: Set<String> = ["goto", "page", "start", "sort", "order", "view", "highlight", "hl"]

    /// The thread `item` of `source` belongs to, if one can be told.
    public static func thread(of item: Item, in source: Source) -> String? {
        if source.kind == .page { return source.isOneConversation ? "page:" + source.id.rawValue : nil }
        guard let link = item.link, var parts = URLComponents(url: link, resolvingAgainstBaseURL: false) else { return nil }
        parts.fragment = nil
        let kept = parts.queryItems?.filter { !navigationParameters.contains($0.name.lowercased()) }
        parts.queryItems = kept?.isEmpty == true ? nil : kept
        let components = parts.path.split(separator: "/", omittingEmptySubsequences: true)
        if let comments = components.firstIndex(of: "comments"), components.count > comments + 2 {
            parts.path = "/" + components[...(comments + 2)].joined(separator: "/") + "/"
        }
        return parts.url.map { "thread:" + $0.absoluteString }
    }

    /// The author of `item` within `source`, if the source names one.
    public static func author(of item: Item, in source: Source) -> String? {
        guard let author = item.author?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), !author.isEmpty else {
            return nil
        }
        return "author:" + source.id.rawValue + "#" + author
    }
}
