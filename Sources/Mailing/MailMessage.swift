import Foundation

/// One email: sender, recipients, subject, a plain text body and, usually, an HTML body.
///
/// A value that knows how to render itself as RFC 5322 bytes (``rendered(date:messageID:)``),
/// so what goes on the wire can be tested without a server. Every field may hold text from
/// the internet: rendering never lets it break a header.
public struct MailMessage: Sendable, Hashable {
    /// One extra header field, such as `Auto-Submitted: auto-generated` or `X-Earshot-Case: 42`.
    public struct Header: Sendable, Hashable {
        /// The field name; characters a name may not hold (spaces, `:`, controls) are dropped.
        public var name: String
        /// The value, written as free text: line breaks become spaces, non-ASCII is encoded.
        public var value: String

        /// Creates a header field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Field names the renderer writes itself or that would change who receives the message;
    /// extra headers with these names are left out.
    public static let reservedHeaderNames: Set<String> = [
        "date", "from", "sender", "to", "cc", "bcc", "reply-to", "subject", "message-id",
        "mime-version", "content-type", "content-transfer-encoding", "return-path",
    ]

    /// The author, shown as From.
    public var from: MailAddress
    /// The recipients, shown as To and used as the envelope recipients.
    public var to: [MailAddress]
    /// The subject line.
    public var subject: String
    /// The plain text body, shown by clients that do not show HTML.
    public var textBody: String
    /// The HTML body, or nil for a plain text message.
    public var htmlBody: String?
    /// Further header fields, written after the standard ones.
    public var extraHeaders: [Header]

    /// Creates a message.
    /// - Parameters:
    ///   - from: the author's address and display name.
    ///   - to: the recipients.
    ///   - subject: the subject line, any Unicode text.
    ///   - textBody: the plain text alternative.
    ///   - htmlBody: the HTML alternative, or nil for a plain text message.
    ///   - extraHeaders: further header fields; reserved names are left out.
    public init(
        from: MailAddress,
        to: [MailAddress],
        subject: String,
        textBody: String,
        htmlBody: String? = nil,
        extraHeaders: [Header] = []
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.extraHeaders = extraHeaders
    }

    /// A fresh random identifier for ``rendered(date:messageID:)``.
    public static func makeMessageID() -> String {
        UUID().uuidString.lowercased()
    }

    /// The message as RFC 5322 bytes, ready for SMTP DATA (before dot-stuffing, which libcurl does).
    ///
    /// Lines end in CRLF and none is longer than 76 characters except an address or field name
    /// that is longer on its own. Headers: Date, From, To, Subject, Message-ID, MIME-Version,
    /// the extra headers, then Content-Type. With an HTML body the message is
    /// multipart/alternative, text/plain first and text/html second (clients show the last
    /// alternative they understand); each part is UTF-8, quoted-printable or base64.
    /// - Parameters:
    ///   - date: the moment written in the Date header, in UTC.
    ///   - messageID: the unique part of Message-ID before the `@`; the sender's domain is added.
    ///     Only letters, digits, `-`, `_` and single inner dots are kept.
    /// - Returns: the message, all ASCII.
    public func rendered(date: Date, messageID: String) -> Data {
        var lines: [String] = []
        lines.append("Date: " + Self.rfc5322Date(date))
        lines.append(addressField("From", [from]))
        lines.append(addressField("To", to))
        var subjectField = HeaderFieldWriter(name: "Subject")
        subjectField.appendUnstructured(subject)
        lines.append(subjectField.field)
        let identifier = Self.messageIDLeftPart(messageID)
        lines.append("Message-ID: <\(identifier)@\(from.domain.map(Self.sanitizedDomain) ?? "localhost")>")
        lines.append("MIME-Version: 1.0")
        for header in extraHeaders {
            let name = String(decoding: header.name.utf8.filter { (33...126).contains($0) && $0 != UInt8(ascii: ":") },
                              as: UTF8.self)
            guard !name.isEmpty, !Self.reservedHeaderNames.contains(name.lowercased()) else { continue }
            var field = HeaderFieldWriter(name: name)
            field.appendUnstructured(header.value)
            lines.append(field.field)
        }

        let text = BodyEncoding.encode(textBody)
        if let htmlBody {
            let html = BodyEncoding.encode(htmlBody)
            let boundary = Self.boundary(messageID: identifier, date: date)
            lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("This is a message in MIME format: plain text and HTML.")
            lines.append("--" + boundary)
            lines += partHeaders(type: "text/plain", encoding: text.encoding)
            lines.append(text.body)
            lines.append("--" + boundary)
            lines += partHeaders(type: "text/html", encoding: html.encoding)
            lines.append(html.body)
            lines.append("--" + boundary + "--")
        } else {
            lines += partHeaders(type: "text/plain", encoding: text.encoding)
            lines.append(text.body)
        }
        return Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    private func addressField(_ name: String, _ addresses: [MailAddress]) -> String {
        var field = HeaderFieldWriter(name: name)
        guard !addresses.isEmpty else {
            field.appendWord("undisclosed-recipients:;")
            return field.field
        }
        for (index, address) in addresses.enumerated() {
            if let displayName = address.displayName, !HeaderFieldWriter.normalizedSpacing(displayName).isEmpty {
                field.appendPhrase(displayName)
            }
            let separator = index < addresses.count - 1 ? "," : ""
            field.appendWord("<\(Self.sanitizedAddress(address.address))>" + separator)
        }
        return field.field
    }

    /// A part's own header lines and the blank line after them.
    private func partHeaders(type: String, encoding: BodyEncoding) -> [String] {
        ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: \(encoding.rawValue)", ""]
    }

    /// An address with everything an addr-spec cannot hold removed (white space, controls,
    /// brackets, commas, quotes), so that even an invalid address cannot break the header.
    /// Sending refuses invalid addresses before rendering; this is the second line of defence.
    static func sanitizedAddress(_ address: String) -> String {
        let kept = address.utf8.filter { MailAddress.isAtomText($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "@") }
        return String(decoding: kept, as: UTF8.self)
    }

    static func sanitizedDomain(_ domain: String) -> String {
        let kept = domain.utf8.filter { MailAddress.isLetterOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        let text = String(decoding: kept, as: UTF8.self)
        let labels = text.split(separator: ".")
        return labels.isEmpty ? "localhost" : labels.joined(separator: ".")
    }

    /// The part of Message-ID before the `@`: a dot-atom of letters, digits, `-` and `_`.
    static func messageIDLeftPart(_ messageID: String) -> String {
        let kept = messageID.utf8.filter {
            MailAddress.isLetterOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
        let atoms = String(decoding: kept, as: UTF8.self).split(separator: ".")
        return atoms.isEmpty ? "message" : atoms.joined(separator: ".")
    }

    /// A multipart boundary that cannot occur in the parts: quoted-printable writes `=` only
    /// before two hex digits or a line end, and base64 never writes `_`, so `=_` never appears.
    static func boundary(messageID: String, date: Date) -> String {
        // FNV-1a over the identifier and the time, so that the same input renders the same bytes.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in Array(messageID.utf8) + Array(String(Int64(date.timeIntervalSince1970)).utf8) {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "=_earshot_" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `date` in RFC 5322 form in UTC, e.g. `Wed, 25 Nov 2026 07:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        func twoDigits(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        let weekday = weekdayNames[(parts.weekday ?? 1) - 1]
        let month = monthNames[(parts.month ?? 1) - 1]
        return "\(weekday), \(twoDigits(parts.day)) \(month) \(parts.year ?? 1970) "
            + "\(twoDigits(parts.hour)):\(twoDigits(parts.minute)):\(twoDigits(parts.second)) +0000"
    }
}
