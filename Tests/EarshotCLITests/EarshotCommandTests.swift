import Foundation
import Storage
import TestSupport
import Testing

/// The `earshot` executable end to end on the bundled samples, as the demo runs it.
@Suite(.serialized) struct EarshotCommandTests {
    /// The demo configuration, pointed at a fresh database and reports folder inside `folder`.
    @Test func scansTheSamplesQuietlyTakingTheirPastAsHistoryAndABackfillOpensItOnce() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try writeSampleConfiguration(into: folder).path

            // The samples are weeks old: the first read takes nearly all of them as history.
            let first = try await runProduct("earshot", ["scan", "--config", configuration])
            #expect(first.status == 0, "\(first.standardError)")
            #expect(first.standardOutput.contains("0 failed"))
            let firstCases = try #require(first.standardOutput.firstMatch(of: /(\d+) cases;/)?.1).description
            #expect(Int(firstCases)! < 5)
            let history = try #require(first.standardOutput.firstMatch(of: /history: (\d+) of the new items .*; (\d+) cases held back/))
            #expect(Int(history.1)! > 100 && Int(history.2)! > 40, "\(first.standardOutput)")

            let second = try await runProduct("earshot", ["scan", "--all", "--config", configuration])
            #expect(second.status == 0)
            #expect(second.standardOutput.contains("new: 0 items, 0 mentions, 0 cases"))
            #expect(!second.standardOutput.contains("history:"))
            let quiet = try await runProduct("earshot", ["scan", "--all", "--quiet", "--config", configuration])
            #expect(quiet.status == 0 && quiet.standardOutput.isEmpty, "cron mails any output; a clean run has none")

            let digest = try await runProduct("earshot", ["digest", "--config", configuration])
            #expect(digest.status == 0)
            let written = digest.standardOutput.split(separator: "\n").filter { $0.hasPrefix("wrote ") }.map { $0.dropFirst(6) }
            #expect(written.map { ($0 as NSString).pathExtension }.sorted() == ["html", "json", "txt"])
            for path in written {
                #expect(FileManager.default.fileExists(atPath: String(path)))
            }
            let html = try String(contentsOfFile: String(try #require(written.first { $0.hasSuffix(".html") })), encoding: .utf8)
            #expect(html.contains("Needs attention now"))
            #expect(html.contains("Sentiment over 7 and 30 days"))
            #expect(html.contains("Taken as history: "))
            let figures = try String(contentsOfFile: String(try #require(written.first { $0.hasSuffix(".json") })), encoding: .utf8)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(figures.utf8)) as? [String: Any])
            #expect((object["mentions"] as? Int ?? 0) < 5)
            #expect((object["mentionsTakenAsHistory"] as? Int ?? 0) > 50)
            #expect((object["casesHeldBack"] as? Int ?? 0) == Int(history.2)!)
            #expect((object["sentiment30Days"] as? [Any])?.count == 30)

            // The school wants its history: a backfill opens the cases held back, once.
            let backfill = try await runProduct("earshot", ["scan", "--backfill", "--config", configuration])
            #expect(backfill.status == 0, "\(backfill.standardError)")
            let taken = try #require(backfill.standardOutput.firstMatch(of: /backfill: (\d+) items taken up from history, (\d+) cases opened, (\d+) joined/))
            #expect(Int(taken.1)! == Int(history.1)!)
            #expect(Int(taken.2)! + Int(taken.3)! == Int(history.2)!)
            let again = try await runProduct("earshot", ["scan", "--all", "--backfill", "--config", configuration])
            #expect(again.standardOutput.contains("backfill: 0 items taken up from history, 0 cases opened"))

            let cases = try await runProduct("earshot", ["cases", "--config", configuration])
            #expect(cases.status == 0)
            #expect(cases.standardOutput.contains("\(Int(firstCases)! + Int(taken.2)!) open cases"))
            #expect(cases.standardOutput.contains("Safeguarding  → dsl"))
        }
    }

    @Test func aQuietScanStillSpeaksWhenASourceFails() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try writeSampleConfiguration(into: folder)
            let opml = folder.appendingPathComponent("broken.opml")
            try """
                <?xml version="1.0"?><opml version="2.0"><head><title>Broken</title></head><body>
                <outline type="rss" text="Missing" xmlUrl="\(folder.appendingPathComponent("missing.xml").absoluteString)"/>
                </body></opml>
                """.write(to: opml, atomically: true, encoding: .utf8)
            var text = try String(contentsOf: configuration, encoding: .utf8)
            text = text.replacingOccurrences(of: "opml = [\"\(packageRoot.path)/feeds/samples/samples.opml\"]", with: "opml = [\"\(opml.path)\"]")
            try text.write(to: configuration, atomically: true, encoding: .utf8)
            let result = try await runProduct("earshot", ["scan", "--quiet", "--config", configuration.path])
            #expect(result.status == 75)
            #expect(result.standardOutput.contains("1 failed"), "\(result.standardOutput)")
        }
    }

    @Test func theDigestOfAGivenPastDayCarriesThatDaysDate() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try writeSampleConfiguration(into: folder).path
            let digest = try await runProduct("earshot", ["digest", "--date", "2026-01-05", "--config", configuration])
            #expect(digest.status == 0, "\(digest.standardError)")
            #expect(digest.standardOutput.contains("digest for Monday 5 January 2026: 0 mentions"))
            let html = try String(contentsOf: folder.appendingPathComponent("reports/2026-01-05.html"), encoding: .utf8)
            #expect(html.contains("Monday 5 January 2026"))
            for refused in ["5/1/2026", "2026-02-30", "2999-01-01"] {
                #expect(try await runProduct("earshot", ["digest", "--date", refused, "--config", configuration]).status == 64)
            }
            // A past day's digest does not become the start of the next regular one.
            #expect(try await runProduct("earshot", ["digest", "--config", configuration]).status == 0)
            #expect(try await runProduct("earshot", ["digest", "--date", "2026-01-06", "--config", configuration]).status == 0)
            // Another digest of the same day never overwrites the one before, which may still wait to be sent.
            let firstHTML = try String(contentsOf: folder.appendingPathComponent("reports/2026-01-05.html"), encoding: .utf8)
            let again = try await runProduct("earshot", ["digest", "--date", "2026-01-05", "--config", configuration])
            #expect(again.standardOutput.contains("reports/2026-01-05-2.html"))
            #expect(try String(contentsOf: folder.appendingPathComponent("reports/2026-01-05.html"), encoding: .utf8) == firstHTML)
            let store = try Store(path: folder.appendingPathComponent("earshot.sqlite").path)
            #expect(Set(try store.digests().map { ($0.htmlPath as NSString).lastPathComponent }).count == 4)
            let last = try #require(try store.lastRegularDigest())
            #expect(last.day != "2026-01-06" && last.generatedAt > Date().addingTimeInterval(-600))
            // A past day's digest ends where its window ends, at the midnight after it: a regular digest
            // starting there covers no finding twice.
            let pastDay = try #require(try store.digests().first { $0.day == "2026-01-06" })
            #expect(pastDay.generatedAt == ISO8601DateFormatter().date(from: "2026-01-07T00:00:00Z"))
        }
    }

    @Test func aBrokenConfigurationGivesOneLineAndTheConfigurationExitCode() async throws {
        try await withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("earshot.toml")
            try "[school]\nnames = [\"A School\"]\n[feeds\n".write(to: file, atomically: true, encoding: .utf8)
            let result = try await runProduct("earshot", ["scan", "--config", file.path])
            #expect(result.status == 78)
            let lines = result.standardError.split(separator: "\n")
            #expect(lines.count == 1)
            #expect(lines.first?.contains("earshot.toml:3:") == true)
        }
    }

    @Test func initWritesStarterFilesThatLoadAndRefusesToOverwriteThem() async throws {
        try await withTemporaryDirectory { folder in
            let first = try await runProduct("earshot", ["init", "--directory", folder.path])
            #expect(first.status == 0)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("feeds/feeds.opml").path))
            let again = try await runProduct("earshot", ["init", "--directory", folder.path])
            #expect(again.status == 73)
            let cases = try await runProduct("earshot", ["cases", "--config", folder.appendingPathComponent("earshot.toml").path])
            #expect(cases.status == 0, "\(cases.standardError)")
            #expect(cases.standardOutput.contains("No open cases."))
        }
    }

    @Test func discoversASitesFeedsAddsThemToTheFeedListAndChecksOne() async throws {
        let rss = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>School news</title><link>https://school.example/</link>
            <item><guid>n1</guid><title>Sports day results</title><pubDate>Mon, 23 Nov 2026 09:00:00 +0000</pubDate></item>
            </channel></rss>
            """
        try await withLoopbackHTTPServer({ request in
            switch request.path {
            case "/": .init(contentType: "text/html", body: """
                <html><head><link rel="alternate" type="application/rss+xml" title="School news" href="/news.rss"></head></html>
                """)
            case "/news.rss": .init(contentType: "application/rss+xml", body: rss)
            default: .init(status: 404)
            }
        }) { server in
            try await withTemporaryDirectory { folder in
                #expect(try await runProduct("earshot", ["init", "--directory", folder.path]).status == 0)
                let configuration = folder.appendingPathComponent("earshot.toml")
                let text = try String(contentsOf: configuration, encoding: .utf8)
                    .replacingOccurrences(of: "allow_loopback = false", with: "allow_loopback = true")
                    .replacingOccurrences(of: "min_delay_per_host = \"1s\"", with: "min_delay_per_host = \"0s\"")
                try text.write(to: configuration, atomically: true, encoding: .utf8)
                let feedList = folder.appendingPathComponent("feeds/feeds.opml").path

                let discover = try await runProduct("earshot", ["feeds", "discover", server.url("/").absoluteString,
                                                          "--add-to", feedList, "--config", configuration.path])
                #expect(discover.status == 0, "\(discover.standardError)")
                #expect(discover.standardOutput.contains(server.url("/news.rss").absoluteString))
                #expect(try String(contentsOfFile: feedList, encoding: .utf8).contains("xmlUrl=\"\(server.url("/news.rss").absoluteString)\""))

                let again = try await runProduct("earshot", ["feeds", "discover", server.url("/").absoluteString,
                                                       "--add-to", feedList, "--config", configuration.path])
                #expect(again.standardOutput.contains("already in"))

                let check = try await runProduct("earshot", ["feeds", "check", server.url("/news.rss").absoluteString,
                                                       "--config", configuration.path])
                #expect(check.status == 0, "\(check.standardError)")
                #expect(check.standardOutput.contains("rss20 feed \"School news\": 1 items"))
                #expect(check.standardOutput.contains("Sports day results"))

                let list = try await runProduct("earshot", ["feeds", "--config", configuration.path])
                #expect(list.standardOutput.contains("3 sources:"))
            }
        }
    }
}
