import Foundation

/// Why a message was not sent, with the server's or libcurl's own words kept as the cause.
///
/// The one error type of the Mailing room. Callers switch on ``code`` to decide whether to retry
/// (``isTransient``) or to tell a person to fix the settings. The text never holds the password.
public struct MailError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure. A struct with static members so that new kinds can be added later.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The kind in words, e.g. "authentication failure".
        public var description: String { name }

        /// The server could not be reached or secured: name lookup, refused or timed-out
        /// connection, STARTTLS not offered, or a TLS handshake or certificate check that failed.
        public static let connection = Code("connection failure")
        /// The server refused the login, or demanded a login that the settings do not give.
        public static let authentication = Code("authentication failure")
        /// The server refused a recipient; the message went to nobody.
        public static let rejectedRecipient = Code("rejected recipient")
        /// The SMTP conversation broke off or the server refused the sender or the message.
        public static let transport = Code("transport failure")
        /// libcurl could not be set up, or the settings cannot work (bad host, port or scheme).
        public static let setup = Code("setup failure")
        /// An address of the message or the settings is not a plain ASCII `local@domain`.
        public static let invalidAddress = Code("invalid address")
    }

    /// The kind of failure.
    public var code: Code
    /// What failed, in words a person can act on.
    public var message: String
    /// libcurl's explanation or the server's reply, when there is one.
    public var detail: String
    /// The last SMTP reply code the server sent, or 0 when it sent none.
    public var replyCode: Int

    /// Creates an error. `detail` should already be free of secrets.
    public init(code: Code, message: String, detail: String = "", replyCode: Int = 0) {
        self.code = code
        self.message = message
        self.detail = detail
        self.replyCode = replyCode
    }

    /// The kind, what failed and the cause, on one line, e.g. for a log or the terminal.
    public var description: String {
        detail.isEmpty ? "\(code): \(message)" : "\(code): \(message) (\(detail))"
    }

    /// Whether sending again later may succeed without changing anything: the server was
    /// unreachable or the conversation broke off.
    public var isTransient: Bool {
        code == .connection || code == .transport
    }
}
