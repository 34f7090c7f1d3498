import Foundation
import Model
import Testing
import Workflow

@Suite struct ConversationKeysTests {
    let feed = Source(url: URL(string: "https://forum.example/rss")!, kind: .feed, title: "Forum")
    let page = Source(url: URL(string: "https://forum.example/thread/9")!, kind: .page, title: "Thread", isOneConversation: true)
    let reviews = Source(url: URL(string: "https://reviews.example/millbrook")!, kind: .page, title: "Reviews")

    func item(link: String?, author: String? = nil) -> Item {
        Item(key: ItemKey(rawValue: "id:1"), title: "", link: link.flatMap(URL.init(string:)), author: author, text: "")
    }

    @Test func everyBlockOfAThreadPageIsInThePagesThread() {
        #expect(ConversationKeys.thread(of: item(link: "https://forum.example/thread/9"), in: page) == "page:https://forum.example/thread/9")
    }

    /// Reviews by different people on one page are not one conversation: each is a post of its own.
    @Test func blocksOfAnyOtherPageShareNoThread() {
        #expect(ConversationKeys.thread(of: item(link: "https://reviews.example/millbrook"), in: reviews) == nil)
    }

    @Test func navigationWithinAThreadIsIgnored() {
        let first = ConversationKeys.thread(of: item(link: "https://forum.example/showthread.php?t=20407&goto=newpost#post9"), in: feed)
        let second = ConversationKeys.thread(of: item(link: "https://forum.example/showthread.php?t=20407&page=3"), in: feed)
        #expect(first == "thread:https://forum.example/showthread.php?t=20407")
        #expect(first == second)
        #expect(first != ConversationKeys.thread(of: item(link: "https://forum.example/showthread.php?t=20408"), in: feed))
    }

    @Test func commentLinksBelongToTheirThread() {
        let comment = ConversationKeys.thread(of: item(link: "https://reddit.example/r/town/comments/abc123/school_bus/def456/"), in: feed)
        #expect(comment == "thread:https://reddit.example/r/town/comments/abc123/school_bus/")
    }

    @Test func theAuthorKeyIsPerSourceAndIgnoresCase() {
        #expect(ConversationKeys.author(of: item(link: nil, author: " MumOfThree "), in: feed) == "author:https://forum.example/rss#mumofthree")
        #expect(ConversationKeys.author(of: item(link: nil), in: feed) == nil)
    }
}
