import Foundation
import Testing
@testable import Mailing

@Suite("SMTPSettings")
struct SMTPSettingsTests {
    static let sender = MailAddress("digest@school.example", displayName: "Earshot")

    @Test("Credentials come from EARSHOT_SMTP_USER and EARSHOT_SMTP_PASSWORD together")
    func credentialsFromEnvironment() throws {
        let both = try #require(SMTPSettings.credentials(from: [
            "EARSHOT_SMTP_USER": "digest@school.example", "EARSHOT_SMTP_PASSWORD": "s3cret pass", "HOME": "/root",
        ]))
        #expect(both.username == "digest@school.example")
        #expect(both.password == "s3cret pass")
    }

    @Test("Credentials are absent unless both variables are set and not empty", arguments: [
        [:],
        ["EARSHOT_SMTP_USER": "user"],
        ["EARSHOT_SMTP_PASSWORD": "secret"],
        ["EARSHOT_SMTP_USER": "", "EARSHOT_SMTP_PASSWORD": "secret"],
        ["EARSHOT_SMTP_USER": "user", "EARSHOT_SMTP_PASSWORD": ""],
    ] as [[String: String]])
    func missingCredentials(environment: [String: String]) {
        #expect(SMTPSettings.credentials(from: environment) == nil)
    }

    @Test("Logging in with credentials sets both, and nil clears both")
    func loggingIn() {
        let settings = SMTPSettings(host: "mail.example.org", from: Self.sender)
        let withLogin = settings.loggingIn(with: ("user", "secret"))
        #expect(withLogin.username == "user" && withLogin.password == "secret")
        let without = withLogin.loggingIn(with: nil)
        #expect(without.username == nil && without.password == nil)
    }

    @Test("Each security mode has its scheme and usual port", arguments: [
        (SMTPSettings.Security.none, "smtp://mail.example.org:25"),
        (.startTLS, "smtp://mail.example.org:587"),
        (.implicitTLS, "smtps://mail.example.org:465"),
    ])
    func serverURLPerSecurity(security: SMTPSettings.Security, expected: String) throws {
        let settings = SMTPSettings(host: "mail.example.org", security: security, from: Self.sender)
        #expect(try settings.serverURL() == expected)
    }

    @Test("Security modes read from their configuration names")
    func securityNames() {
        #expect(SMTPSettings.Security(rawValue: "none") == SMTPSettings.Security.none)
        #expect(SMTPSettings.Security(rawValue: "starttls") == .startTLS)
        #expect(SMTPSettings.Security(rawValue: "tls") == .implicitTLS)
    }

    @Test("IPv6 hosts are bracketed in the URL", arguments: ["::1", "[::1]"])
    func ipv6Hosts(host: String) throws {
        let settings = SMTPSettings(host: host, port: 2525, security: .none, from: Self.sender)
        #expect(try settings.serverURL() == "smtp://[::1]:2525")
    }

    @Test("Hosts that would change the URL are refused", arguments: [
        "", "mail.example.org/path", "user@mail.example.org", "mail example.org", "mail.example.org:25",
        "mail.example.org\r\nRCPT", "-flag", "[::1", "mail.example.org?x=1",
    ])
    func invalidHosts(host: String) {
        let settings = SMTPSettings(host: host, security: .none, from: Self.sender)
        #expect(throws: MailError.self) { try settings.serverURL() }
        do {
            _ = try settings.serverURL()
        } catch {
            #expect(error.code == .setup)
        }
    }

    @Test("Ports outside 1...65535 are refused", arguments: [0, -1, 65_536])
    func invalidPorts(port: Int) {
        let settings = SMTPSettings(host: "mail.example.org", port: port, from: Self.sender)
        #expect(throws: MailError.self) { try settings.serverURL() }
    }

    @Test("Printing the settings never shows the password")
    func descriptionHidesPassword() {
        let settings = SMTPSettings(host: "mail.example.org", username: "user", password: "hunter2-secret", from: Self.sender)
        #expect(!String(describing: settings).contains("hunter2-secret"))
        #expect(!String(reflecting: settings).contains("hunter2-secret"))
        #expect(!"\(settings)".contains("hunter2-secret"))
        #expect(String(describing: settings).contains("user"))
    }
}

@Suite("MailAddress")
struct MailAddressTests {
    @Test("Plain ASCII addresses are valid", arguments: [
        "head@school.example", "first.last+digest@mail.school.example", "a@b", "o'brien@school.example",
        "x_y-z@sub-domain.example.org",
    ])
    func validAddresses(address: String) {
        #expect(MailAddress(address).isValid)
    }

    @Test("Addresses that could break an SMTP command or are not plain ASCII are invalid", arguments: [
        "", "head", "@school.example", "head@", "head@@school.example", "head school@example.org",
        "<head@school.example>", "head@school.example>\r\nRCPT TO:<x@y>", "head@school..example",
        ".head@school.example", "head.@school.example", "zoë@school.example", "head@-school.example",
        "\"quoted\"@school.example", "head@[127.0.0.1]", "head@school.example\n",
    ])
    func invalidAddresses(address: String) {
        #expect(!MailAddress(address).isValid)
    }

    @Test("The description shows the display name and the address in brackets")
    func description() {
        #expect(MailAddress("head@school.example", displayName: "Head").description == "Head <head@school.example>")
        #expect(MailAddress("head@school.example").description == "<head@school.example>")
    }
}

@Suite("MailError")
struct MailErrorTests {
    @Test("Connection and transport failures are worth retrying; the others are not")
    func transientCodes() {
        #expect(MailError(code: .connection, message: "m").isTransient)
        #expect(MailError(code: .transport, message: "m").isTransient)
        #expect(!MailError(code: .authentication, message: "m").isTransient)
        #expect(!MailError(code: .rejectedRecipient, message: "m").isTransient)
        #expect(!MailError(code: .setup, message: "m").isTransient)
        #expect(!MailError(code: .invalidAddress, message: "m").isTransient)
    }

    @Test("The description names the kind of failure, what failed and the cause")
    func description() {
        let error = MailError(code: .connection, message: "nothing accepted a connection at h:25", detail: "Connection refused")
        #expect(error.description == "connection failure: nothing accepted a connection at h:25 (Connection refused)")
    }
}
