import Foundation
import Model
import Parsing

// libFuzzer target: any bytes as a feed document, read with one of several HTTP charsets.
// Beyond not crashing, every result must keep the parser's promises: items have keys, text is
// trimmed and has no empty lines, and a second parse of the same bytes gives the same feed.

let feedURL = URL(string: "https://fuzz.example/feeds/news.xml")!
let contentTypes: [String?] = [
    nil, "application/rss+xml; charset=utf-8", "text/xml; charset=iso-8859-1", "text/xml; charset=us-ascii",
    "application/xml; charset=utf-16", "text/xml; charset=gb2312", "text/xml; charset=windows-1252",
    "text/xml; charset=shift_jis", "text/xml; charset=no-such-charset", "application/atom+xml",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let contentType = contentTypes[Int(bytes[0]) % contentTypes.count]
    let document = Data(bytes[1...])
    let parser = FeedParser(keepsItemDetails: bytes[0] & 0x80 != 0)
    guard let feed = try? parser.parse(document, baseURL: feedURL, contentType: contentType) else { return 0 }
    for item in feed.items {
        precondition(!item.key.rawValue.isEmpty, "an item without a key")
        for text in [item.title, item.text] {
            precondition(text == text.trimmingCharacters(in: .whitespacesAndNewlines), "untrimmed text: \(text.debugDescription)")
            precondition(!text.contains("\n\n"), "an empty line in: \(text.debugDescription)")
        }
        precondition(!item.title.contains("\n"), "a title of several lines: \(item.title.debugDescription)")
    }
    let again = try? parser.parse(document, baseURL: feedURL, contentType: contentType)
    precondition(again == feed, "two parses of the same bytes differ")
    return 0
}
