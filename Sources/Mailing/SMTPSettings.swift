import Foundation

/// Where and how to send mail: the server, how the connection is secured, the login and the
/// sender, with limits on how long a send may take.
///
/// Certificate checks are always on; there is deliberately no switch to turn them off. The
/// login is not read from the configuration file: take it from the environment with
/// ``credentials(from:)``. ``description`` never shows the password.
public struct SMTPSettings: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// How the connection to the server is secured.
    public enum Security: String, Sendable, Hashable, CaseIterable {
        /// Plain SMTP with no TLS at all: only for a relay on the same machine or a trusted network.
        case none
        /// `smtp://`, then STARTTLS, which the server must offer (submission, usually port 587).
        case startTLS = "starttls"
        /// `smtps://`: TLS from the first byte (usually port 465).
        case implicitTLS = "tls"

        /// The usual port for this kind of connection.
        public var defaultPort: Int {
            switch self {
            case .none: 25
            case .startTLS: 587
            case .implicitTLS: 465
            }
        }
    }

    /// The environment variable holding the SMTP username.
    public static let usernameVariable = "EARSHOT_SMTP_USER"
    /// The environment variable holding the SMTP password.
    public static let passwordVariable = "EARSHOT_SMTP_PASSWORD"

    /// The server's host name or IP address (an IPv6 address with or without brackets).
    public var host: String
    /// The server's TCP port.
    public var port: Int
    /// How the connection is secured.
    public var security: Security
    /// The login name, or nil to send without logging in.
    public var username: String?
    /// The password for ``username``.
    public var password: String?
    /// The envelope sender (MAIL FROM), and the usual From of messages built by callers.
    public var from: MailAddress
    /// The longest wait for the connection (including the TLS handshake).
    public var connectTimeout: Duration
    /// The longest a whole send may take.
    public var totalTimeout: Duration

    /// Creates settings.
    /// - Parameters:
    ///   - host: the server's host name or IP address.
    ///   - port: the server's port; nil for the usual port of `security`.
    ///   - security: how the connection is secured; STARTTLS by default.
    ///   - username: the login name, or nil to send without logging in.
    ///   - password: the password for `username`.
    ///   - from: the sender's address and display name.
    ///   - connectTimeout: the longest wait for the connection; 15 seconds by default.
    ///   - totalTimeout: the longest a whole send may take; 60 seconds by default.
    public init(
        host: String,
        port: Int? = nil,
        security: Security = .startTLS,
        username: String? = nil,
        password: String? = nil,
        from: MailAddress,
        connectTimeout: Duration = .seconds(15),
        totalTimeout: Duration = .seconds(60)
    ) {
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.username = username
        self.password = password
        self.from = from
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }

    /// Reads the SMTP login from `EARSHOT_SMTP_USER` and `EARSHOT_SMTP_PASSWORD`.
    ///
    /// Login details never live in the configuration file, which is often readable by others
    /// or kept in version control.
    /// - Returns: both values, or nil when either is missing or empty.
    public static func credentials(from environment: [String: String]) -> (username: String, password: String)? {
        guard let username = environment[usernameVariable], !username.isEmpty,
              let password = environment[passwordVariable], !password.isEmpty
        else { return nil }
        return (username, password)
    }

    /// The same settings, logging in with `credentials` (or not at all when nil).
    public func loggingIn(with credentials: (username: String, password: String)?) -> SMTPSettings {
        var copy = self
        copy.username = credentials?.username
        copy.password = credentials?.password
        return copy
    }

    /// The URL libcurl connects to, e.g. `smtps://mail.example.org:465`.
    /// - Throws: ``MailError`` of code `setup` when the host or port cannot be used.
    public func serverURL() throws(MailError) -> String {
        guard (1...65_535).contains(port) else {
            throw MailError(code: .setup, message: "the SMTP port \(port) is not between 1 and 65535")
        }
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        return "\(scheme)://\(try urlHost()):\(port)"
    }

    /// The host as it goes into a URL: a DNS name or IPv4 address as it is, IPv6 in brackets.
    private func urlHost() throws(MailError) -> String {
        var bare = Substring(host)
        if bare.hasPrefix("["), bare.hasSuffix("]") { bare = bare.dropFirst().dropLast() }
        let isName = !bare.isEmpty && bare.utf8.count <= 253 && bare.utf8.allSatisfy {
            MailAddress.isLetterOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
        }
        if isName, !bare.hasPrefix("-"), !bare.hasPrefix(".") { return String(bare) }
        let isIPv6 = bare.contains(":") && bare.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        if isIPv6 { return "[\(bare)]" }
        throw MailError(code: .setup, message: "the SMTP host \"\(host)\" is not a host name or IP address")
    }

    /// The server, security, login name and sender on one line; never the password.
    public var description: String {
        let login = username.map { "as \($0)" } ?? "without login"
        return "\(security.rawValue) \(host):\(port) \(login), from \(from)"
    }

    /// Like ``description``, saying only whether a password is set.
    public var debugDescription: String {
        "SMTPSettings(\(description), password: \(password == nil ? "none" : "hidden"))"
    }
}
