import Foundation
import Mailing
import Synchronization
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Sends through libcurl to a real SMTP server (aiosmtpd) on loopback and checks what arrived,
/// decoded by Python's email package rather than by this project's own code.
@Suite(
    "MailSender",
    .enabled(if: SMTPTestServer.shouldRunTests,
             "aiosmtpd is not installed: run scripts/install-test-helpers (EARSHOT_REQUIRE_SMTP_TESTS=1 makes this a failure)")
)
struct MailSenderTests {
    static let sender = MailAddress("digest@school.example", displayName: "Earshot Digest")
    static let credentials = SMTPTestServer.Credentials(username: "digest@school.example", password: "correct horse battery")

    static func settings(port: Int, credentials: SMTPTestServer.Credentials? = nil, password: String? = nil) -> SMTPSettings {
        SMTPSettings(
            host: "127.0.0.1", port: port, security: .none,
            username: credentials?.username, password: password ?? credentials?.password,
            from: sender, connectTimeout: .connectPatience, totalTimeout: .transferPatience
        )
    }

    static let digest = MailMessage(
        from: sender,
        to: [MailAddress("head@school.example", displayName: "Head Teacher"), MailAddress("slt@school.example")],
        subject: "Daily digest: 3 new mentions",
        textBody: "Three new mentions today.\nOne needs a reply before 16:00.\n\nCafé, crèche and ŵyl: all fine.\n",
        htmlBody: """
            <!doctype html><html><body style="font-family:sans-serif"><h1>Three new mentions</h1>
            <p>One needs a reply before 16:00 – Café, crèche and ŵyl.</p>\(String(repeating: "<td style=\"width:40px;background:#3a7\">&nbsp;</td>", count: 30))
            </body></html>
            """,
        extraHeaders: [.init(name: "Auto-Submitted", value: "auto-generated")]
    )

    /// The part text as the original string would be with CRLF line ends.
    private func crlf(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r\n") }

    @Test("A multipart message arrives with the right envelope and both parts decode to the original text")
    func multipartArrives() async throws {
        try await withSMTPTestServer { server in
            try await MailSender().send(Self.digest, using: Self.settings(port: server.port))
            let received = try server.receivedMessages()
            try #require(received.count == 1)
            let message = received[0]
            #expect(message.mailFrom == "digest@school.example")
            #expect(message.recipients == ["head@school.example", "slt@school.example"])
            #expect(!message.isAuthenticated)
            let decoded = try #require(message.decoded)
            #expect(decoded.defects.isEmpty, "defects: \(decoded.defects)")
            #expect(decoded.contentType == "multipart/alternative")
            try #require(decoded.parts.map(\.contentType) == ["text/plain", "text/html"])
            #expect(decoded.parts.map(\.charset) == ["utf-8", "utf-8"])
            #expect(decoded.parts[0].text == crlf(Self.digest.textBody))
            let html = crlf(try #require(Self.digest.htmlBody))
            #expect(decoded.parts[1].text == html || decoded.parts[1].text == html + "\r\n")
            #expect(decoded.headers["MIME-Version"] == "1.0")
            #expect(decoded.headers["Message-ID"]?.hasSuffix("@school.example>") == true)
            #expect(decoded.headers["Date"]?.hasSuffix("+0000") == true)
        }
    }

    @Test("A UTF-8 subject and display names arrive encoded and decode to the original")
    func encodedHeadersArrive() async throws {
        let message = MailMessage(
            from: MailAddress("digest@school.example", displayName: "Swyddfa’r Ysgol, Caerdydd"),
            to: [MailAddress("head@school.example", displayName: "Siân Ó Súilleabháin"),
                 MailAddress("chair@school.example", displayName: "李 明 👋")],
            subject: "Crynodeb dyddiol – ŵyl yr haf: 3 sylw newydd ✅ " + String(repeating: "llongyfarchiadau ", count: 6),
            textBody: "Dim byd brys.\n",
            htmlBody: "<p>Dim byd brys.</p>"
        )
        try await withSMTPTestServer { server in
            try await MailSender().send(message, using: Self.settings(port: server.port))
            let received = try #require(try server.receivedMessages().first)
            let raw = String(decoding: received.raw, as: UTF8.self)
            #expect(raw.contains("Subject: =?utf-8?B?"))
            #expect(received.raw.allSatisfy { $0 < 128 })
            let decoded = try #require(received.decoded)
            #expect(decoded.defects.isEmpty, "defects: \(decoded.defects)")
            #expect(decoded.headers["Subject"] == message.subject.trimmingCharacters(in: .whitespaces))
            #expect(decoded.from == [.init(name: "Swyddfa’r Ysgol, Caerdydd", address: "digest@school.example")])
            #expect(decoded.to == [
                .init(name: "Siân Ó Súilleabháin", address: "head@school.example"),
                .init(name: "李 明 👋", address: "chair@school.example"),
            ])
        }
    }

    @Test("Lines starting with a dot arrive intact, even a line holding only a dot")
    func dotStuffing() async throws {
        let body = ".\n..two dots\n.leading dot\nmiddle . dot\n.\n"
        var message = Self.digest
        message.textBody = body
        message.htmlBody = ".<p>\n.\n</p>"
        try await withSMTPTestServer { server in
            try await MailSender().send(message, using: Self.settings(port: server.port))
            let received = try #require(try server.receivedMessages().first)
            let decoded = try #require(received.decoded)
            try #require(decoded.parts.count == 2)
            #expect(decoded.parts[0].text == crlf(body))
            #expect(decoded.parts[1].text.hasPrefix(crlf(".<p>\n.\n</p>")))
            #expect(String(decoding: received.raw, as: UTF8.self).contains("\r\n.\r\n..two dots\r\n"))
        }
    }

    @Test("A large HTML body arrives whole")
    func largeMessage() async throws {
        var message = Self.digest
        let html = (0..<4_000).map { "<tr><td>Mention \($0) – “quoted” ✓</td></tr>" }.joined(separator: "\n")
        message.htmlBody = html
        try await withSMTPTestServer { server in
            try await MailSender().send(message, using: Self.settings(port: server.port))
            let decoded = try #require(try server.receivedMessages().first?.decoded)
            try #require(decoded.parts.count == 2)
            #expect(decoded.parts[1].text == crlf(html) || decoded.parts[1].text == crlf(html) + "\r\n")
        }
    }

    @Test("Logging in with the right credentials sends the message")
    func loginWorks() async throws {
        try await withSMTPTestServer(credentials: Self.credentials) { server in
            try await MailSender().send(Self.digest, using: Self.settings(port: server.port, credentials: Self.credentials))
            let received = try server.receivedMessages()
            #expect(received.count == 1)
            #expect(received.first?.isAuthenticated == true)
        }
    }

    @Test("A wrong password is an authentication error that does not show the password")
    func wrongPassword() async throws {
        try await withSMTPTestServer(credentials: Self.credentials) { server in
            let settings = Self.settings(port: server.port, credentials: Self.credentials, password: "wrong-password-123")
            let error = try #require(await sendError(Self.digest, settings))
            #expect(error.code == .authentication)
            #expect(!error.description.contains("wrong-password-123"))
            #expect(!String(reflecting: error).contains("wrong-password-123"))
            #expect(try server.receivedMessages().isEmpty)
        }
    }

    @Test("Sending without a login to a server that requires one is an authentication error")
    func missingLogin() async throws {
        try await withSMTPTestServer(credentials: Self.credentials) { server in
            let error = try #require(await sendError(Self.digest, Self.settings(port: server.port)))
            #expect(error.code == .authentication)
            #expect(error.replyCode == 530)
            #expect(error.message.contains("EARSHOT_SMTP_USER"))
        }
    }

    @Test("A refused recipient stops the send for everyone")
    func rejectedRecipient() async throws {
        var message = Self.digest
        message.to.append(MailAddress("nobody@rejected.example"))
        try await withSMTPTestServer(rejectedDomain: "rejected.example") { server in
            let error = try #require(await sendError(message, Self.settings(port: server.port)))
            #expect(error.code == .rejectedRecipient)
            #expect(error.replyCode == 550)
            #expect(try server.receivedMessages().isEmpty)
        }
    }

    @Test("Verifying the connection logs in without sending anything")
    func verifyConnection() async throws {
        try await withSMTPTestServer(credentials: Self.credentials) { server in
            let sender = MailSender()
            try await sender.verifyConnection(using: Self.settings(port: server.port, credentials: Self.credentials))
            var failure: MailError?
            do throws(MailError) {
                try await sender.verifyConnection(
                    using: Self.settings(port: server.port, credentials: Self.credentials, password: "nope-nope"))
            } catch {
                failure = error
            }
            #expect(failure?.code == .authentication)
            #expect(try server.receivedMessages().isEmpty)
        }
    }

    @Test("STARTTLS is required when asked for: a server without it is a connection error")
    func startTLSRequired() async throws {
        try await withSMTPTestServer { server in
            var settings = Self.settings(port: server.port)
            settings.security = .startTLS
            let error = try #require(await sendError(Self.digest, settings))
            #expect(error.code == .connection)
            #expect(try server.receivedMessages().isEmpty)
        }
    }
}

/// Failures that happen before or without any SMTP server, so they run even without aiosmtpd.
@Suite("MailSender without a server")
struct MailSenderOfflineTests {
    @Test("A port where nothing listens gives a connection error")
    func refusedConnection() async throws {
        try await withClosedPort { port in
            let error = try #require(await sendError(MailSenderTests.digest, MailSenderTests.settings(port: port)))
            #expect(error.code == .connection)
            #expect(error.isTransient)
            #expect(error.message.contains("127.0.0.1:\(port)"))
        }
    }

    @Test("Invalid addresses are refused before any connection is tried")
    func invalidAddressesAreRefusedFirst() async throws {
        try await withClosedPort { port in
            var message = MailSenderTests.digest
            message.to = [MailAddress("head@school.example>\r\nRCPT TO:<victim@evil.example")]
            #expect(await sendError(message, MailSenderTests.settings(port: port))?.code == .invalidAddress)
            message.to = []
            #expect(await sendError(message, MailSenderTests.settings(port: port))?.code == .invalidAddress)
            var settings = MailSenderTests.settings(port: port)
            settings.from = MailAddress("not an address")
            #expect(await sendError(MailSenderTests.digest, settings)?.code == .invalidAddress)
        }
    }
}

private func sendError(_ message: MailMessage, _ settings: SMTPSettings) async -> MailError? {
    do {
        try await MailSender().send(message, using: settings)
        return nil
    } catch {
        return error
    }
}

/// Runs `body` with a loopback port that is bound but not listening, so connecting to it is refused.
private func withClosedPort(_ body: (Int) async throws -> Void) async throws {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    try #require(bound == 0)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    try await body(Int(UInt16(bigEndian: address.sin_port)))
}

@Suite("MailSender with a stand-in transport")
struct MailSenderStandInTests {
    @Test("A sender made from closures passes messages and settings through")
    func standInSender() async throws {
        final class Outbox: Sendable {
            private let subjects = Mutex<[String]>([])
            func append(_ subject: String) { subjects.withLock { $0.append(subject) } }
            var all: [String] { subjects.withLock { $0 } }
        }
        let outbox = Outbox()
        let sender = MailSender(send: { message, _ throws(MailError) in outbox.append(message.subject) })
        let settings = SMTPSettings(host: "mail.example.org", from: MailAddress("a@b.example"))
        try await sender.send(MailMessage(from: settings.from, to: [settings.from], subject: "one", textBody: ""), using: settings)
        try await sender.verifyConnection(using: settings)
        #expect(outbox.all == ["one"])
    }
}

@Suite struct CleartextLoginTests {
    @Test("A login is never sent unencrypted to another machine")
    func aLoginWithoutEncryptionIsRefusedOffThisMachine() async {
        let settings = SMTPSettings(host: "mail.school.example", port: 25, security: .none, username: "earshot", password: "secret",
                                    from: MailAddress("earshot@school.example"))
        await #expect {
            try await MailSender().verifyConnection(using: settings)
        } throws: { error in
            guard let error = error as? MailError else { return false }
            return error.code == .setup && error.message.contains("without encryption") && !error.description.contains("secret")
        }
    }
}
