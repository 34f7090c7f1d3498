/// How Earshot sends email, from `[email]` in the configuration. Login details never live in the
/// file: they come from the EARSHOT_SMTP_USER and EARSHOT_SMTP_PASSWORD environment variables.
public struct EmailSettings: Sendable, Hashable {
    /// How the connection to the mail server is protected.
    public enum Security: String, Sendable, Hashable, CaseIterable {
        /// Plain SMTP (loopback relays and tests only).
        case none
        /// SMTP upgraded with STARTTLS (usually port 587).
        case starttls
        /// SMTP over TLS from the start (usually port 465).
        case tls
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var fromAddress: String
    public var fromName: String
    /// Who receives the daily digest (default: the slt role's addresses).
    public var digestRecipients: [String]
    /// Whether a scan emails owners at once about cases whose routing asks for it.
    public var sendsInstantAlerts: Bool

    public init(
        host: String, port: Int, security: Security, fromAddress: String, fromName: String, digestRecipients: [String],
        sendsInstantAlerts: Bool
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.digestRecipients = digestRecipients
        self.sendsInstantAlerts = sendsInstantAlerts
    }
}
