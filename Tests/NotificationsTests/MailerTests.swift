import Settings
import Foundation
import Logging
import Mailing
import Model
@testable import Notifications
import Storage
import TestSupport
import Testing

/// The mail room on its own: what an alert says, and what stops sending before any mail is tried.
@Suite struct MailerTests {
    /// The samples' configuration with an `[email]` section, written into `folder`.
    func configuration(in folder: URL) throws -> EarshotConfiguration {
        var text = try String(contentsOf: packageRoot.appendingPathComponent("earshot.toml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "database = \"data/earshot.sqlite\"", with: "database = \"\(folder.path)/e.sqlite\"")
            .replacingOccurrences(of: "opml = [\"feeds/samples/samples.opml\"]",
                                  with: "opml = [\"\(packageRoot.path)/feeds/samples/samples.opml\"]")
        text += """

            [email]
            host = "127.0.0.1"
            port = 2525
            security = "none"
            from = "earshot@millbrook-academy.example"
            """
        let file = folder.appendingPathComponent("earshot.toml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return try ConfigurationLoader().load(from: file)
    }

    let item = CaseSummary(
        id: CaseID(rawValue: 12), status: .new, primaryConcern: .safeguarding, concerns: [.safeguarding], owner: .designatedSafeguardingLead,
        openedAt: Date(timeIntervalSince1970: 1_795_600_800), clockStartedAt: Date(timeIntervalSince1970: 1_795_600_800),
        dueAt: Date(timeIntervalSince1970: 1_795_604_400), needsApproval: true, wasOverdueWhenFound: false,
        title: "Worried <b>about</b> a pupil", snippet: "Someone is messaging Year 8\u{202E} pupils", link: URL(string: "https://forum.example/t/1"),
        sourceTitle: "Parents' forum")

    @Test func anAlertSaysWhatTheCaseIsAndWhatThePolicyAsks() async throws {
        try await withTemporaryDirectory { folder in
            let mailer = try #require(Mailer(configuration: try configuration(in: folder), store: nil))
            let message = mailer.alert(for: item, to: [MailAddress("dsl@millbrook-academy.example")])
            #expect(message.subject == "[Earshot] Safeguarding: case #12, due Wed 25 Nov 11:00")
            #expect(message.textBody.contains("Pass to the designated safeguarding lead at once"))
            #expect(message.textBody.contains("earshot cases show 12"))
            #expect(!message.textBody.contains("\u{202E}"), "direction controls are neutralised in the text part")
            #expect(message.htmlBody?.contains("Worried &lt;b&gt;about&lt;/b&gt; a pupil") == true)
        }
    }

    @Test func sendingNeedsAStoreToRecordWhatWasSent() async throws {
        try await withTemporaryDirectory { folder in
            let mailer = try #require(Mailer(configuration: try configuration(in: folder), store: nil))
            await #expect(throws: NotificationError.self) { try await mailer.sendPendingAlerts(logger: Logger(label: "test")) }
        }
    }
}
