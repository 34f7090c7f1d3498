import Foundation
import TestSupport
import Testing

/// `earshot parse`, run as the built executable on files and on a loopback server.
@Suite(.serialized) struct ParseCommandTests {
    static let feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>School news</title><link>https://school.example/</link>
        <item><guid>n1</guid><title>Sports &amp; games</title><link>/news/1?utm_source=x</link>
        <author>office@school.example (The Office)</author><pubDate>Mon, 23 Nov 2026 09:00:00 +0100</pubDate>
        <description>&lt;p&gt;Results are in.&lt;/p&gt;&lt;p&gt;Well done!&lt;/p&gt;</description></item>
        </channel></rss>
        """

    func writeFeed(into folder: URL, named name: String = "news.xml", _ text: String = feed) throws -> URL {
        let file = folder.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func controlCharactersAndBidiOverridesFromTheInternetNeverReachTheTerminal() async throws {
        try await withTemporaryDirectory { folder in
            let hostile = #"{"version": "https://jsonfeed.org/version/1.1", "title": "Feed\u001b]0;owned\u0007", "items": [{"id": "1", "#
                + #""title": "Nice \u202eevil\u202c \u009d post", "content_text": "Hello\u001b[2J there"}]}"#
            let file = try writeFeed(into: folder, named: "feed.json", hostile)
            let result = try await runProduct("earshot", ["parse", file.path])
            #expect(result.status == 0, "\(result.standardError)")
            let controls = result.standardOutput.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
            }
            #expect(controls.isEmpty)
            #expect(result.standardOutput.contains("Nice \u{FFFD}evil\u{FFFD}"))
        }
    }

    @Test func printsTheFeedAndEachItemsFieldsAsJSON() async throws {
        try await withTemporaryDirectory { folder in
            let file = try writeFeed(into: folder)
            let result = try await runProduct("earshot", ["parse", file.path, "--json", "--base-url", "https://school.example/feed"])
            #expect(result.status == 0, "\(result.standardError)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            #expect(object["title"] as? String == "School news")
            #expect(object["link"] as? String == "https://school.example/")
            #expect(object["format"] as? String == "rss20")
            #expect(object["ill_formed"] as? Bool == false)
            let item = try #require((object["items"] as? [[String: Any]])?.first)
            #expect(item["id"] as? String == "id:n1")
            #expect(item["title"] as? String == "Sports & games")
            #expect(item["link"] as? String == "https://school.example/news/1")
            #expect(item["author"] as? String == "The Office")
            #expect(item["published"] as? String == "2026-11-23T08:00:00Z")
            #expect(item["text"] as? String == "Results are in.\nWell done!")
            #expect(item["details"] == nil)
        }
    }

    @Test func printsReadableTextByDefault() async throws {
        try await withTemporaryDirectory { folder in
            let file = try writeFeed(into: folder)
            let result = try await runProduct("earshot", ["parse", file.path])
            #expect(result.status == 0)
            #expect(result.standardOutput.hasPrefix("rss20 feed \"School news\" <https://school.example/>"))
            #expect(result.standardOutput.contains("published: 2026-11-23T08:00:00Z"))
            #expect(result.standardOutput.contains("text:      Results are in.\n           Well done!"))
        }
    }

    @Test func detailsKeepTheSummaryAndDatesApart() async throws {
        try await withTemporaryDirectory { folder in
            let file = try writeFeed(into: folder)
            let result = try await runProduct("earshot", ["parse", file.path, "--json", "--details"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            let details = try #require((object["items"] as? [[String: Any]])?.first?["details"] as? [String: Any])
            #expect(details["id"] as? String == "n1")
            #expect(details["summary"] as? String == "Results are in.\nWell done!")
            #expect(details["content"] as? String == "")
            #expect(details["updated"] is NSNull)
        }
    }

    @Test func aBatchPrintsOneLinePerFileWithEachFilesContentTypeAndAFailureLine() async throws {
        try await withTemporaryDirectory { folder in
            let first = try writeFeed(into: folder)
            var latin1 = Data("<rss version=\"2.0\"><channel><title>Caf".utf8)
            latin1.append(0xE9)
            latin1.append(contentsOf: Data("</title></channel></rss>".utf8))
            let second = folder.appendingPathComponent("latin1.xml")
            try latin1.write(to: second)
            let third = try writeFeed(into: folder, named: "page.html", "<html><body>Not a feed</body></html>")
            let list = "\(first.path)\n\(second.path)\ttext/xml; charset=iso-8859-1\n\(third.path)\n"
            let listFile = folder.appendingPathComponent("list.txt")
            try list.write(to: listFile, atomically: true, encoding: .utf8)

            let result = try await runShell("\"\(productsDirectory.appendingPathComponent("earshot").path)\" parse --batch - < \"\(listFile.path)\"")
            #expect(result.status == 0, "\(result.standardError)")
            let lines = result.standardOutput.split(separator: "\n").map {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            try #require(lines.count == 3)
            #expect(lines[0]?["title"] as? String == "School news")
            #expect(lines[1]?["title"] as? String == "Café")
            #expect(lines[1]?["encoding"] as? String == "iso-8859-1")
            #expect((lines[2]?["error"] as? String)?.contains("HTML page") == true)
        }
    }

    @Test func batchStatisticsCountFilesItemsAndFailures() async throws {
        try await withTemporaryDirectory { folder in
            let feed = try writeFeed(into: folder)
            let page = try writeFeed(into: folder, named: "page.html", "<html><body>Not a feed</body></html>")
            let result = try await runProduct("earshot", ["parse", "--batch", "--stats", feed.path, feed.path, page.path])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            #expect(object["files"] as? Int == 3)
            #expect(object["items"] as? Int == 2)
            #expect(object["failed"] as? Int == 1)
            #expect((object["parse_seconds"] as? Double ?? -1) >= 0)
        }
    }

    @Test func aPageIsSplitIntoBlocks() async throws {
        try await withTemporaryDirectory { folder in
            let file = try writeFeed(into: folder, named: "thread.html", """
                <html><head><title>Thread</title></head><body><nav>Menu</nav>
                <article class="post"><p>First post about the school.</p></article>
                <article class="post"><p>Second post.</p></article></body></html>
                """)
            let result = try await runProduct("earshot", ["parse", file.path, "--page", "--json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            #expect(object["kind"] as? String == "page")
            #expect((object["items"] as? [[String: Any]])?.map { $0["text"] as? String } == ["First post about the school.", "Second post."])
        }
    }

    @Test func aFileThatIsNotAFeedExitsWithTheSourceFailureCode() async throws {
        try await withTemporaryDirectory { folder in
            let file = try writeFeed(into: folder, named: "page.html", "<html><body>Not a feed</body></html>")
            let result = try await runProduct("earshot", ["parse", file.path])
            #expect(result.status == 75)
            #expect(result.standardError.contains("HTML page"))
            let missing = try await runProduct("earshot", ["parse", folder.appendingPathComponent("absent.xml").path])
            #expect(missing.status == 64)
        }
    }

    @Test func aURLIsFetchedWithTheConfiguredFetcher() async throws {
        try await withLoopbackHTTPServer({ request in
            request.path == "/news.rss" ? .init(contentType: "application/rss+xml", body: Self.feed) : .init(status: 404)
        }) { server in
            try await withTemporaryDirectory { folder in
                #expect(try await runProduct("earshot", ["init", "--directory", folder.path]).status == 0)
                let configuration = folder.appendingPathComponent("earshot.toml")
                let text = try String(contentsOf: configuration, encoding: .utf8)
                    .replacingOccurrences(of: "allow_loopback = false", with: "allow_loopback = true")
                    .replacingOccurrences(of: "min_delay_per_host = \"1s\"", with: "min_delay_per_host = \"0s\"")
                try text.write(to: configuration, atomically: true, encoding: .utf8)

                let result = try await runProduct("earshot", ["parse", server.url("/news.rss").absoluteString, "--json",
                                                        "--config", configuration.path])
                #expect(result.status == 0, "\(result.standardError)")
                #expect(result.standardOutput.contains("\"link\" : \"\(server.url("/news/1").absoluteString)\""))

                let missing = try await runProduct("earshot", ["parse", server.url("/gone.rss").absoluteString,
                                                         "--config", configuration.path])
                #expect(missing.status == 75)
                #expect(missing.standardError.contains("HTTP 404"))
            }
        }
    }

    /// Runs a shell command line (for redirecting standard input); returns its exit status and output.
    func runShell(_ commandLine: String) async throws -> CommandResult {
        try await runProgram(URL(fileURLWithPath: "/bin/sh"), ["-c", commandLine])
    }
}
