import Foundation
import Model
import Storage
import TestSupport
import Testing

/// `earshot init --school`, `earshot feeds add` and `remove`, and a scan of what they wrote, with
/// loopback servers standing in for Google News, Bing, Reddit, Mastodon, YouTube, the bridges and
/// the school's own site.
@Suite(.serialized) struct RecipeCommandTests {
    /// `init --school` pointed at the stand-ins, with the spacing between requests to one host
    /// taken out so that the scan does not wait a second between engines, and a history window of
    /// one second, so that every dated fixture post is history whatever the day the tests run.
    func initHollinBrook(into folder: URL, engines: LoopbackHTTPServer, site: LoopbackHTTPServer?) async throws -> (CommandResult, URL) {
        let base = engines.baseURL.absoluteString
        var arguments = ["init", "--directory", folder.path, "--school", "Hollin Brook Academy", "--town", "Aireby",
                         "--engine", "google-news=\(base)", "--engine", "bing-news=\(base)", "--engine", "reddit=\(base)",
                         "--engine", "youtube=\(base)", "--mastodon-instance", base, "--bridge", base + "/",
                         "--facebook", "https://www.facebook.com/AirebyNoticeboard/", "--youtube-channel", "UCq3Hb7dY1mKx2pLr8sT4vWz"]
        if let site { arguments += ["--website", site.url("/").absoluteString] }
        let result = try await runProduct("earshot", arguments)
        let configuration = folder.appendingPathComponent("earshot.toml")
        if result.status == 0 {
            let text = try String(contentsOf: configuration, encoding: .utf8)
                .replacingOccurrences(of: "min_delay_per_host = \"1s\"", with: "min_delay_per_host = \"0s\"")
                .replacingOccurrences(of: "history_window = \"48h\"", with: "history_window = \"1s\"")
            try text.write(to: configuration, atomically: true, encoding: .utf8)
        }
        return (result, configuration)
    }

    @Test func initFromANameWritesWhatDoctorAcceptsAndOneScanReadsEveryRecipeAndOpensItsCases() async throws {
        try await withLoopbackHTTPServer(RecipeStandIn.engines) { engines in
            // The school's site on an address of its own, so that its domain is not the engines'.
            try await withLoopbackHTTPServer(address: "127.0.0.2", RecipeStandIn.schoolSite) { site in
                try await withTemporaryDirectory { folder in
                    let (written, configuration) = try await initHollinBrook(into: folder, engines: engines, site: site)
                    #expect(written.status == 0, "\(written.standardError)")
                    #expect(written.standardOutput.contains("advertises 1 feed"))
                    #expect(written.standardOutput.contains("10 sources: 2 google-news, 2 bing-news, 2 reddit, 1 mastodon, 1 youtube, 1 bridge, 1 feed"))
                    let toml = try String(contentsOf: configuration, encoding: .utf8)
                    #expect(toml.contains(#"names = ["Hollin Brook Academy"]"#) && toml.contains(#"ambiguous_aliases = ["Hollin Brook"]"#))
                    #expect(toml.contains("domains = [\"127.0.0.2\"]") && toml.contains("town = \"Aireby\""))
                    #expect(toml.contains("allow_loopback = true"))

                    let doctor = try await runProduct("earshot", ["doctor", "--config", configuration.path])
                    #expect(doctor.status == 0, "\(doctor.standardOutput)")

                    let rsshub = try await runProduct("earshot", ["feeds", "add", "feed", engines.url("/instagram/user/airebymums").absoluteString,
                                                            "--config", configuration.path])
                    #expect(rsshub.status == 0, "\(rsshub.standardError)")
                    #expect(rsshub.standardOutput.contains("added \"Aireby Mums (@airebymums) - Instagram\""))
                    #expect(rsshub.standardOutput.contains("read 2 items, 1 mentions the school"))

                    // The fixtures' dated posts are older than the history window, so the first read
                    // takes them as history: --backfill opens their cases in the same run.
                    let scan = try await runProduct("earshot", ["scan", "--backfill", "--config", configuration.path])
                    #expect(scan.status == 0, "\(scan.standardOutput)\(scan.standardError)")
                    #expect(scan.standardOutput.contains("scanned 11 of 11 sources: 11 fetched, 0 not modified, 0 failed"))
                    #expect(scan.standardOutput.contains("new: 16 items, 11 mentions, 0 cases"))
                    #expect(scan.standardOutput.contains("backfill: 16 items taken up from history, 8 cases opened"))
                    for route in RecipeStandIn.engineRoutes {
                        #expect(engines.requests.contains { $0.path.hasPrefix(route.pathPrefix) }, "\(route.fixture) was read")
                    }
                    #expect(site.requests.map(\.path).contains("/news/feed/"))

                    let store = try Store(path: folder.appendingPathComponent("data/earshot.sqlite").path)
                    let opened = try store.openCases().map { summary in
                        let recipe = ["Google News:", "Bing News:", "Reddit:", "Mastodon #", "Facebook:", "Aireby Mums"]
                            .first { summary.sourceTitle.hasPrefix($0) } ?? summary.sourceTitle
                        return "\(recipe) \(summary.primaryConcern.rawValue)"
                    }
                    #expect(opened.sorted() == [
                        "Aireby Mums praise", "Bing News: pressEnquiry", "Facebook: complaint", "Google News: complaint",
                        "Mastodon # praise", "Mastodon # question", "Reddit: bullying", "Reddit: question",
                    ], "the school's own site and channel speak for the school and open none")
                }
            }
        }
    }

    @Test func feedsAddAndRemoveLeaveTheRestOfTheFeedListAsItWas() async throws {
        try await withLoopbackHTTPServer(RecipeStandIn.engines) { engines in
            try await withTemporaryDirectory { folder in
                let (written, configuration) = try await initHollinBrook(into: folder, engines: engines, site: nil)
                #expect(written.status == 0, "\(written.standardError)")
                let feedList = folder.appendingPathComponent("feeds/feeds.opml")
                let original = try String(contentsOf: feedList, encoding: .utf8)

                let add = try await runProduct("earshot", ["feeds", "add", "reddit", #""HBA""#, "Aireby", "--interval", "1h",
                                                     "--config", configuration.path])
                #expect(add.status == 0, "\(add.standardError)")
                #expect(add.standardOutput.contains(#"added "Reddit: "HBA" Aireby""#) && add.standardOutput.contains("read every 1h"))
                #expect(add.standardOutput.contains("read 3 items, 2 mention the school"))
                let added = try String(contentsOf: feedList, encoding: .utf8)
                #expect(added.hasPrefix(original.components(separatedBy: "  </body>")[0]))
                let address = engines.url("/search.rss?q=%22HBA%22%20Aireby&sort=new").absoluteString
                #expect(added.contains("xmlUrl=\"\(address.replacingOccurrences(of: "&", with: "&amp;"))\" earshotInterval=\"1h\""))

                let again = try await runProduct("earshot", ["feeds", "add", "reddit", #""HBA""#, "Aireby", "--config", configuration.path])
                #expect(again.status == 0 && again.standardOutput.contains("is already in"))

                let remove = try await runProduct("earshot", ["feeds", "remove", address, "--config", configuration.path])
                #expect(remove.status == 0, "\(remove.standardError)")
                #expect(remove.standardOutput.contains(#"removed "Reddit: "HBA" Aireby""#))
                #expect(try String(contentsOf: feedList, encoding: .utf8) == original)

                let missing = try await runProduct("earshot", ["feeds", "remove", address, "--config", configuration.path])
                #expect(missing.status == 1 && missing.standardError.contains("no source with the address or title"))
            }
        }
    }

    @Test func aRecipeThatCannotBeMadeIsRefusedWithWhatItNeeds() async throws {
        try await withTemporaryDirectory { folder in
            let noSchool = try await runProduct("earshot", ["init", "--directory", folder.path, "--website", "https://hollinbrook.sch.uk"])
            #expect(noSchool.status == 64 && noSchool.standardError.contains("need --school"))
            let noBridge = try await runProduct("earshot", ["init", "--directory", folder.path, "--school", "Hollin Brook Academy",
                                                      "--x", "HollinBrookAcad"])
            #expect(noBridge.status == 64 && noBridge.standardError.contains("no bridge is configured"))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("earshot.toml").path))

            #expect(try await runProduct("earshot", ["init", "--directory", folder.path, "--school", "Hollin Brook Academy"]).status == 0)
            let configuration = folder.appendingPathComponent("earshot.toml").path
            let tooOften = try await runProduct("earshot", ["feeds", "add", "google-news", "--interval", "5m", "--config", configuration])
            #expect(tooOften.status == 64 && tooOften.standardError.contains("no more often than every 15m"))
            let channel = try await runProduct("earshot", ["feeds", "add", "youtube", "@HollinBrookAcademy", "--config", configuration])
            #expect(channel.status == 64 && channel.standardError.contains("is not a YouTube channel id"))
            let unknown = try await runProduct("earshot", ["feeds", "add", "myspace", "--config", configuration])
            #expect(unknown.status == 64 && unknown.standardError.contains("unknown recipe"))
        }
    }
}
