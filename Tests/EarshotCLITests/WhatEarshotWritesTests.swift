import Foundation
import TestSupport
import Testing

/// What Earshot leaves on disk and in its output: folders and files for its owner only, and feed
/// addresses without the secrets they may carry.
@Suite struct WhatEarshotWritesTests {
    func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    /// A configuration in `folder` whose database lives in `folder/data` (not created yet) and whose
    /// one feed list is `outlines`.
    func writeConfiguration(into folder: URL, outlines: String) throws -> URL {
        let opml = folder.appendingPathComponent("feeds.opml")
        try """
            <?xml version="1.0"?><opml version="2.0"><head><title>Feeds</title></head><body>
            \(outlines)
            </body></opml>
            """.write(to: opml, atomically: true, encoding: .utf8)
        let configuration = try writeSampleConfiguration(into: folder)
        var text = try String(contentsOf: configuration, encoding: .utf8)
        text = text.replacingOccurrences(of: "database = \"\(folder.path)/earshot.sqlite\"", with: "database = \"\(folder.path)/data/earshot.sqlite\"")
        text = text.replacingOccurrences(of: "opml = [\"\(packageRoot.path)/feeds/samples/samples.opml\"]", with: "opml = [\"\(opml.path)\"]")
        try text.write(to: configuration, atomically: true, encoding: .utf8)
        return configuration
    }

    @Test func aFirstScanLogsIntoADataFolderItCreatesAndTheDigestIsForTheOwnerOnly() async throws {
        try await withTemporaryDirectory { folder in
            let feed = folder.appendingPathComponent("news.xml")
            try """
                <rss version="2.0"><channel><title>News</title><item><guid>n1</guid><title>Millbrook Academy parents complain</title>
                <description>Parents say the way Millbrook Academy handled the trip was appalling.</description></item></channel></rss>
                """.write(to: feed, atomically: true, encoding: .utf8)
            let configuration = try writeConfiguration(
                into: folder, outlines: "<outline type=\"rss\" text=\"News\" xmlUrl=\"\(feed.absoluteString)\"/>")
            let data = folder.appendingPathComponent("data")
            #expect(!FileManager.default.fileExists(atPath: data.path))
            let log = data.appendingPathComponent("earshot.log").path

            let scan = try await runProduct("earshot", ["scan", "--config", configuration.path, "--log-file", log])
            #expect(scan.status == 0, "\(scan.standardError)")
            #expect(!scan.standardError.contains("cannot write the log file"), "\(scan.standardError)")
            #expect(try String(contentsOfFile: log, encoding: .utf8).contains("scan finished"))
            #expect(try mode(data.path) == 0o700)
            #expect(try mode(log) == 0o600)
            #expect(try mode(data.appendingPathComponent("earshot.sqlite").path) == 0o600)

            let digest = try await runProduct("earshot", ["digest", "--config", configuration.path])
            #expect(digest.status == 0, "\(digest.standardError)")
            let reports = folder.appendingPathComponent("reports")
            #expect(try mode(reports.path) == 0o700)
            let written = try FileManager.default.contentsOfDirectory(atPath: reports.path)
            #expect(written.count == 3)
            for name in written {
                #expect(try mode(reports.appendingPathComponent(name).path) == 0o600, "\(name)")
            }
        }
    }

    @Test func doctorFlagsReportsThatOthersMayRead() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try writeConfiguration(into: folder, outlines: "")
            // As an earlier version left them: a 0755 folder holding a 0644 digest.
            let reports = folder.appendingPathComponent("reports")
            try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o755])
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: reports.path)
            let digest = reports.appendingPathComponent("2026-11-25.html")
            try "<p>safeguarding</p>".write(to: digest, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: digest.path)
            let doctor = try await runProduct("earshot", ["doctor", "--config", configuration.path])
            #expect(doctor.standardOutput.contains("warning: reports folder \(reports.path) is open to others (mode 755); run chmod 700 on it"),
                    "\(doctor.standardOutput)")
            #expect(doctor.standardOutput.contains("warning: 1 report(s) in \(reports.path) are readable by others; run chmod 600 on them"))

            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: reports.path)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: digest.path)
            let fixed = try await runProduct("earshot", ["doctor", "--config", configuration.path])
            #expect(!fixed.standardOutput.contains("reports folder") && !fixed.standardOutput.contains("report(s)"),
                    "\(fixed.standardOutput)")
        }
    }

    @Test func aFeedsLoginAndTokenAreNeitherPrintedNorLogged() async throws {
        try await withTemporaryDirectory { folder in
            // Nothing listens on port 9 of this machine; the sample configuration refuses loopback anyway.
            let configuration = try writeConfiguration(
                into: folder, outlines: "<outline type=\"rss\" xmlUrl=\"http://staff:hunter2@127.0.0.1:9/private.rss?token=abc123&amp;page=1\"/>")
            let log = folder.appendingPathComponent("earshot.log").path
            let scan = try await runProduct("earshot", ["scan", "--verbose", "--config", configuration.path, "--log-file", log])
            #expect(scan.status == 75, "\(scan.standardError)")
            #expect(scan.standardOutput.contains("failed: http://REDACTED@127.0.0.1:9/private.rss?token=REDACTED&page=1"),
                    "\(scan.standardOutput)")
            let feeds = try await runProduct("earshot", ["feeds", "--config", configuration.path])
            #expect(feeds.standardOutput.contains("http://REDACTED@127.0.0.1:9/private.rss?token=REDACTED&page=1"), "\(feeds.standardOutput)")
            let doctor = try await runProduct("earshot", ["doctor", "--config", configuration.path])
            let everything = [scan.standardOutput, scan.standardError, try String(contentsOfFile: log, encoding: .utf8),
                              feeds.standardOutput, feeds.standardError, doctor.standardOutput, doctor.standardError]
            for output in everything {
                #expect(!output.contains("hunter2") && !output.contains("abc123"), "\(output)")
            }
        }
    }
}
