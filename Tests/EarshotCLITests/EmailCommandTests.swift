import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Instant alerts and the emailed digest, sent through libcurl to a real SMTP server on loopback.
@Suite(.serialized, .enabled(if: SMTPTestServer.shouldRunTests, "needs aiosmtpd: run scripts/install-test-helpers"))
struct EmailCommandTests {
    func configuration(in folder: URL, smtpPort: Int) throws -> String {
        let file = try writeSampleConfiguration(into: folder)
        let text = try String(contentsOf: file, encoding: .utf8) + """

            [email]
            host = "127.0.0.1"
            port = \(smtpPort)
            security = "none"
            from = "earshot@millbrook-academy.example"
            from_name = "Earshot at Millbrook Académie"

            """
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// A test SMTP server keeping what it receives in `folder/mail`.
    func startMailServer(in folder: URL) async throws -> SMTPTestServer {
        let mail = folder.appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: mail, withIntermediateDirectories: true)
        return try await SMTPTestServer.start(in: mail)
    }

    @Test func aScanAlertsEachUrgentCasesOwnerOnceAndTheDigestIsEmailedToTheLeadershipTeam() async throws {
        try await withTemporaryDirectory { folder in
            let server = try await startMailServer(in: folder)
            defer { server.stop() }
            let configuration = try configuration(in: folder, smtpPort: server.port)

            // The samples are weeks old: taken as history, they alert nobody until a backfill opens their cases.
            let scan = try await runProduct("earshot", ["scan", "--config", configuration])
            #expect(scan.status == 0, "\(scan.standardError)")
            let quiet = try server.receivedMessages()
            let backfill = try await runProduct("earshot", ["scan", "--backfill", "--config", configuration])
            #expect(backfill.status == 0, "\(backfill.standardError)")
            let alerts = try server.receivedMessages()
            #expect(alerts.count > quiet.count)
            #expect(!quiet.contains { $0.decoded?.headers["Subject"]?.contains("Safeguarding") == true })
            let safeguarding = alerts.filter { $0.decoded?.headers["Subject"]?.contains("Safeguarding") == true }
            #expect(!safeguarding.isEmpty)
            #expect(safeguarding.allSatisfy { $0.recipients == ["dsl@millbrook-academy.example"] })
            #expect(alerts.allSatisfy { $0.mailFrom == "earshot@millbrook-academy.example" })
            #expect(alerts.first?.decoded?.from.first?.name == "Earshot at Millbrook Académie")

            let again = try await runProduct("earshot", ["scan", "--all", "--config", configuration])
            #expect(again.status == 0)
            #expect(try server.receivedMessages().count == alerts.count)

            let digest = try await runProduct("earshot", ["digest", "--send", "--config", configuration])
            #expect(digest.status == 0, "\(digest.standardError)")
            let messages = try server.receivedMessages()
            #expect(messages.count == alerts.count + 1)
            let sent = try #require(messages.last)
            #expect(Set(sent.recipients) == ["head@millbrook-academy.example", "deputy@millbrook-academy.example"])
            #expect(sent.decoded?.headers["Subject"]?.contains("social media digest") == true)
            let parts = sent.decoded?.parts ?? []
            #expect(parts.map(\.contentType) == ["text/plain", "text/html"])
            #expect(parts.last?.text.contains("Needs attention now") == true)
        }
    }

    @Test func anAlertShowsAPostsDirectionControlsAsReplacementCharacters() async throws {
        try await withTemporaryDirectory { folder in
            let server = try await startMailServer(in: folder)
            defer { server.stop() }
            let configuration = try configuration(in: folder, smtpPort: server.port)
            let feed = folder.appendingPathComponent("forum.xml")
            try """
                <rss version="2.0"><channel><title>Forum</title><item><guid>w1</guid>
                <title>Millbrook Academy\u{202E} parents warned</title>
                <description>A stranger groomed pupils at Millbrook Academy on a gaming chat.</description></item></channel></rss>
                """.write(to: feed, atomically: true, encoding: .utf8)
            let opml = folder.appendingPathComponent("feeds.opml")
            try """
                <?xml version="1.0"?><opml version="2.0"><head><title>Feeds</title></head><body>
                <outline type="rss" text="Forum" xmlUrl="\(feed.absoluteString)"/></body></opml>
                """.write(to: opml, atomically: true, encoding: .utf8)
            let text = try String(contentsOfFile: configuration, encoding: .utf8)
                .replacingOccurrences(of: "opml = [\"\(packageRoot.path)/feeds/samples/samples.opml\"]", with: "opml = [\"\(opml.path)\"]")
            try text.write(toFile: configuration, atomically: true, encoding: .utf8)

            let scan = try await runProduct("earshot", ["scan", "--config", configuration])
            #expect(scan.status == 0, "\(scan.standardError)")
            let alert = try #require(try server.receivedMessages().first)
            let parts = alert.decoded?.parts ?? []
            #expect(parts.map(\.contentType) == ["text/plain", "text/html"])
            for part in parts {
                #expect(!part.text.contains("\u{202E}"))
                #expect(part.text.contains("Millbrook Academy\u{FFFD} parents warned"), "\(part.text)")
            }
        }
    }

    @Test func aDigestThatCannotBeSentIsKeptAndSentOnTheNextRun() async throws {
        try await withTemporaryDirectory { folder in
            let closedPort = try unusedLoopbackPort()
            let configuration = try configuration(in: folder, smtpPort: closedPort)
            #expect(try await runProduct("earshot", ["scan", "--backfill", "--config", configuration]).status == 75)  // alerts could not be sent
            let failed = try await runProduct("earshot", ["digest", "--send", "--config", configuration])
            #expect(failed.status == 75)
            #expect(failed.standardError.contains("kept and retried"))

            let server = try await startMailServer(in: folder)
            defer { server.stop() }
            let text = try String(contentsOfFile: configuration, encoding: .utf8)
                .replacingOccurrences(of: "port = \(closedPort)", with: "port = \(server.port)")
            try text.write(toFile: configuration, atomically: true, encoding: .utf8)
            let retried = try await runProduct("earshot", ["digest", "--send", "--config", configuration])
            #expect(retried.status == 0, "\(retried.standardError)")
            let digests = try server.receivedMessages().filter { $0.decoded?.headers["Subject"]?.contains("digest") == true }
            #expect(digests.count == 2)
        }
    }
}

/// A loopback port nothing listens on: bound, read and released.
func unusedLoopbackPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
        }
    }
    guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
    return Int(UInt16(bigEndian: address.sin_port))
}
