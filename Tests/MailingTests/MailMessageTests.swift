import Foundation
import Testing
@testable import Mailing

/// A header injection attempt with a name for the test report.
struct InjectionCase: CustomTestStringConvertible, Sendable {
    let name: String
    let message: MailMessage
    var testDescription: String { name }

    static let sender = MailAddress("digest@school.example", displayName: "Earshot")
    static let recipient = MailAddress("head@school.example", displayName: "Head")

    static let all: [InjectionCase] = [
        InjectionCase(name: "subject with CRLF", message: MailMessage(
            from: sender, to: [recipient], subject: "Hi\r\nBcc: victim@evil.example", textBody: "x")),
        InjectionCase(name: "subject with bare LF and non-ASCII", message: MailMessage(
            from: sender, to: [recipient], subject: "Zoë\nBcc: victim@evil.example", textBody: "x")),
        InjectionCase(name: "subject with bare CR", message: MailMessage(
            from: sender, to: [recipient], subject: "Hi\rBcc: victim@evil.example", textBody: "x")),
        InjectionCase(name: "display name with CRLF", message: MailMessage(
            from: MailAddress("digest@school.example", displayName: "Earshot\r\nBcc: victim@evil.example"),
            to: [recipient], subject: "s", textBody: "x")),
        InjectionCase(name: "address with CRLF and brackets", message: MailMessage(
            from: sender, to: [MailAddress("head@school.example>\r\nBcc: victim@evil.example")],
            subject: "s", textBody: "x")),
        InjectionCase(name: "extra header value with CRLF", message: MailMessage(
            from: sender, to: [recipient], subject: "s", textBody: "x",
            extraHeaders: [.init(name: "X-Earshot-Case", value: "42\r\nBcc: victim@evil.example")])),
        InjectionCase(name: "extra header name with CRLF", message: MailMessage(
            from: sender, to: [recipient], subject: "s", textBody: "x",
            extraHeaders: [.init(name: "X-Test\r\nBcc", value: "victim@evil.example")])),
        InjectionCase(name: "extra header named Bcc", message: MailMessage(
            from: sender, to: [recipient], subject: "s", textBody: "x",
            extraHeaders: [.init(name: "bcc", value: "victim@evil.example")])),
        InjectionCase(name: "body that looks like headers", message: MailMessage(
            from: sender, to: [recipient], subject: "s", textBody: "\r\n\r\nBcc: victim@evil.example",
            htmlBody: "\nContent-Type: text/plain")),
    ]
}

@Suite("MailMessage")
struct MailMessageTests {
    static let date = Date(timeIntervalSince1970: 1_795_590_000) // Wed, 25 Nov 2026 07:00:00 +0000

    static let digest = MailMessage(
        from: MailAddress("digest@school.example", displayName: "Earshot Digest"),
        to: [MailAddress("head@school.example", displayName: "Mrs Bryn Jones"), MailAddress("slt@school.example")],
        subject: "Daily digest: 3 new mentions",
        textBody: "Three new mentions.\nOne needs a reply today.\n",
        htmlBody: "<html><body><h1>Three new mentions</h1><p>One needs a reply today.</p></body></html>",
        extraHeaders: [.init(name: "Auto-Submitted", value: "auto-generated")]
    )

    @Test("The Date header is written in RFC 5322 form in UTC", arguments: [
        (1_795_590_000.0, "Wed, 25 Nov 2026 07:00:00 +0000"),
        (0.0, "Thu, 01 Jan 1970 00:00:00 +0000"),
        (1_709_164_799.0, "Wed, 28 Feb 2024 23:59:59 +0000"),
        (1_709_251_199.0, "Thu, 29 Feb 2024 23:59:59 +0000"),
        (1_711_846_800.0, "Sun, 31 Mar 2024 01:00:00 +0000"),
    ])
    func dateHeader(seconds: Double, expected: String) {
        let rendered = Self.digest.rendered(date: Date(timeIntervalSince1970: seconds), messageID: "m")
        #expect(MailText.header("Date", in: rendered) == expected)
    }

    @Test("Headers come in the standard order, then the extra ones, then Content-Type")
    func headerOrder() {
        let rendered = Self.digest.rendered(date: Self.date, messageID: "digest-2026-11-25")
        let names = MailText.headerFields(rendered).map(\.name)
        #expect(names == ["Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Auto-Submitted", "Content-Type"])
        #expect(MailText.header("From", in: rendered) == "Earshot Digest <digest@school.example>")
        #expect(MailText.header("To", in: rendered) == "Mrs Bryn Jones <head@school.example>, <slt@school.example>")
        #expect(MailText.header("Subject", in: rendered) == "Daily digest: 3 new mentions")
        #expect(MailText.header("MIME-Version", in: rendered) == "1.0")
    }

    @Test("Message-ID is the given identifier at the sender's domain, with unsafe characters removed")
    func messageID() {
        let plain = Self.digest.rendered(date: Self.date, messageID: "digest.2026-11-25")
        #expect(MailText.header("Message-ID", in: plain) == "<digest.2026-11-25@school.example>")
        let hostile = Self.digest.rendered(date: Self.date, messageID: "<a b>\r\n@evil..x.")
        #expect(MailText.header("Message-ID", in: hostile) == "<abevil.x@school.example>")
        let empty = Self.digest.rendered(date: Self.date, messageID: "")
        #expect(MailText.header("Message-ID", in: empty) == "<message@school.example>")
    }

    @Test("A message with HTML is multipart/alternative: plain text first, then HTML, both UTF-8")
    func multipartStructure() throws {
        let rendered = Self.digest.rendered(date: Self.date, messageID: "m1")
        let contentType = try #require(MailText.header("Content-Type", in: rendered))
        #expect(contentType.hasPrefix("multipart/alternative; boundary=\""))
        let boundary = String(contentType.split(separator: "\"")[1])
        let lines = MailText.lines(rendered)
        let delimiters = lines.enumerated().filter { $0.element == "--" + boundary }.map(\.offset)
        #expect(delimiters.count == 2)
        #expect(lines.last == "--" + boundary + "--")
        #expect(lines[delimiters[0] + 1] == "Content-Type: text/plain; charset=utf-8")
        #expect(lines[delimiters[0] + 2] == "Content-Transfer-Encoding: quoted-printable")
        #expect(lines[delimiters[0] + 3] == "")
        #expect(lines[delimiters[1] + 1] == "Content-Type: text/html; charset=utf-8")
        #expect(lines[delimiters[1] + 2] == "Content-Transfer-Encoding: quoted-printable")
        let textPart = lines[(delimiters[0] + 4)..<delimiters[1]].joined(separator: "\r\n")
        #expect(MailText.decodeQuotedPrintable(textPart) == Array(MailText.withCRLF(Self.digest.textBody).utf8))
    }

    @Test("A message without HTML is a single text/plain part")
    func plainTextMessage() {
        var message = Self.digest
        message.htmlBody = nil
        let rendered = message.rendered(date: Self.date, messageID: "m")
        #expect(MailText.header("Content-Type", in: rendered) == "text/plain; charset=utf-8")
        #expect(MailText.header("Content-Transfer-Encoding", in: rendered) == "quoted-printable")
        #expect(!MailText.text(rendered).contains("multipart"))
    }

    @Test("Every line ends in CRLF and none is longer than 76 characters")
    func linesAreShortAndCRLF() {
        let message = MailMessage(
            from: MailAddress("digest@school.example", displayName: "Ysgol Gymraeg – Swyddfa’r Pennaeth"),
            to: (0..<8).map { MailAddress("governor\($0)@school.example", displayName: "Llywodraethwr \($0) – Zoë") },
            subject: String(repeating: "Crynodeb dyddiol: sylwadau newydd am yr ysgol ✅ ", count: 5),
            textBody: "line one\nline two\r\nline three\r" + String(repeating: "long ", count: 100),
            htmlBody: "<p>" + String(repeating: "Sylw newydd – ", count: 200) + "</p>\n",
            extraHeaders: [.init(name: "X-Earshot-Note", value: String(repeating: "nodyn ", count: 30) + "é")]
        )
        let rendered = message.rendered(date: Self.date, messageID: "long")
        #expect(MailText.bareLineBreakCount(rendered) == 0)
        #expect(rendered.suffix(2) == Data("\r\n".utf8))
        #expect(rendered.allSatisfy { $0 < 128 })
        for line in MailText.lines(rendered) {
            #expect(line.utf8.count <= 76, "line of \(line.utf8.count): \(line)")
        }
    }

    @Test("Text from outside never adds or ends a header field", arguments: InjectionCase.all)
    func headerInjectionIsImpossible(injection: InjectionCase) {
        let rendered = injection.message.rendered(date: Self.date, messageID: "m")
        #expect(MailText.bareLineBreakCount(rendered) == 0)
        let names = MailText.headerFields(rendered).map { $0.name.lowercased() }
        #expect(!names.contains("bcc"))
        #expect(Set(names).isSubset(of: ["date", "from", "to", "subject", "message-id", "mime-version",
                                          "x-earshot-case", "x-testbcc", "content-type", "content-transfer-encoding"]))
        #expect(names.count == Set(names).count, "a field appears twice: \(names)")
    }

    @Test("Reserved names cannot be set as extra headers; others are kept")
    func reservedExtraHeaders() {
        var message = Self.digest
        message.extraHeaders = [
            .init(name: "Subject", value: "spoofed"), .init(name: "Content-Type", value: "text/html"),
            .init(name: "Reply-To", value: "someone@evil.example"), .init(name: "X-Earshot-Case", value: "42"),
            .init(name: " ", value: "nameless"),
        ]
        let fields = MailText.headerFields(message.rendered(date: Self.date, messageID: "m"))
        #expect(fields.filter { $0.name == "Subject" }.map(\.value) == ["Daily digest: 3 new mentions"])
        #expect(fields.filter { $0.name == "Content-Type" }.count == 1)
        #expect(!fields.contains { $0.name == "Reply-To" })
        #expect(fields.contains { $0.name == "X-Earshot-Case" && $0.value == "42" })
        #expect(!fields.contains { $0.value == "nameless" })
    }

    @Test("A body containing the boundary text cannot end its part early")
    func boundaryNeverAppearsInBodies() throws {
        let first = Self.digest.rendered(date: Self.date, messageID: "m")
        let contentType = try #require(MailText.header("Content-Type", in: first))
        let boundary = String(contentType.split(separator: "\"")[1])
        var hostile = Self.digest
        hostile.textBody = "--\(boundary)\nContent-Type: text/html\n\n<script>x</script>\n--\(boundary)--\n"
        hostile.htmlBody = "--\(boundary)--"
        let rendered = hostile.rendered(date: Self.date, messageID: "m")
        let lines = MailText.lines(rendered)
        #expect(lines.filter { $0 == "--" + boundary }.count == 2)
        #expect(lines.filter { $0 == "--" + boundary + "--" }.count == 1)
    }

    @Test("The same message, date and identifier always render the same bytes")
    func renderingIsDeterministic() {
        #expect(Self.digest.rendered(date: Self.date, messageID: "m") == Self.digest.rendered(date: Self.date, messageID: "m"))
    }

    @Test("A UTF-8 subject and display names are written as encoded-words that decode to the original")
    func encodedSubjectAndNames() throws {
        let message = MailMessage(
            from: MailAddress("digest@school.example", displayName: "Swyddfa’r Ysgol"),
            to: [MailAddress("head@school.example", displayName: "Siân Ó Súilleabháin")],
            subject: "Adroddiad: ŵyl yr haf – 3 sylw newydd",
            textBody: "x"
        )
        let rendered = message.rendered(date: Self.date, messageID: "m")
        let subject = try #require(MailText.header("Subject", in: rendered))
        #expect(subject.hasPrefix("=?utf-8?B?"))
        #expect(MailText.decodeHeader(subject) == message.subject)
        let from = try #require(MailText.header("From", in: rendered))
        #expect(from.hasSuffix(" <digest@school.example>"))
        #expect(MailText.decodeHeader(String(from.dropLast(" <digest@school.example>".count))) == "Swyddfa’r Ysgol")
    }
}
