import Foundation
import Model
import Testing

@Suite struct AddressRedactionTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var address: String
        var shown: String
        var testDescription: String { address }
    }

    @Test(arguments: [
        Example(address: "https://user:hunter2@feeds.example/rss", shown: "https://REDACTED@feeds.example/rss"),
        Example(address: "https://token@feeds.example", shown: "https://REDACTED@feeds.example"),
        Example(address: "https://feeds.example/rss?token=abc123&page=2", shown: "https://feeds.example/rss?token=REDACTED&page=2"),
        Example(address: "https://feeds.example/rss?page=2&api_key=k1&apiKey=k2&access_token=t&sig=s",
                shown: "https://feeds.example/rss?page=2&api_key=REDACTED&apiKey=REDACTED&access_token=REDACTED&sig=REDACTED"),
        Example(address: "https://bucket.example/f.xml?X-Amz-Signature=ff&X-Amz-Credential=c&X-Amz-Date=20261203",
                shown: "https://bucket.example/f.xml?X-Amz-Signature=REDACTED&X-Amz-Credential=REDACTED&X-Amz-Date=20261203"),
        Example(address: "https://forum.example/feed?PASSWORD=p&pwd=p&passwd=p&auth=a&session=s&secret=s&apikey=k&key=k",
                shown: "https://forum.example/feed?PASSWORD=REDACTED&pwd=REDACTED&passwd=REDACTED&auth=REDACTED&session=REDACTED"
                    + "&secret=REDACTED&apikey=REDACTED&key=REDACTED"),
        Example(address: "https://a:b@feeds.example/x?q=school#access_token=t",
                shown: "https://REDACTED@feeds.example/x?q=school#access_token=REDACTED"),
        Example(address: "https://feeds.example/search?q=keyword&topic=passing&id=7",
                shown: "https://feeds.example/search?q=keyword&topic=passing&id=7"),
        Example(address: "https://feeds.example/path/with@sign?x=1", shown: "https://feeds.example/path/with@sign?x=1"),
        Example(address: "file:///srv/feeds/local.xml", shown: "file:///srv/feeds/local.xml"),
    ])
    func secretsAreReplacedAndTheRestKept(example: Example) {
        #expect(AddressRedaction.redacted(example.address) == example.shown)
    }

    @Test func aSourcesIdentityShowsItsAddressRedactedButKeepsItWhole() {
        let id = SourceID(rawValue: "https://user:pw@feeds.example/rss?token=abc123")
        #expect("\(id)" == "https://REDACTED@feeds.example/rss?token=REDACTED")
        #expect(id.rawValue == "https://user:pw@feeds.example/rss?token=abc123")
    }
}
