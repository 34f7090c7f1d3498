import Foundation

/// Sends messages through an SMTP server with libcurl.
///
/// Each send uses one libcurl easy handle on a thread of its own, so the blocking SMTP
/// conversation never occupies Swift's cooperative pool, and the caller awaits the outcome.
/// Sends are rare (a digest a day, an alert per urgent case), so there is no connection reuse.
/// Code that only needs "something that sends" can take a `MailSender` made with
/// ``init(send:verify:)`` in its tests.
public struct MailSender: Sendable {
    /// Sends one message with the given settings.
    public typealias Send = @Sendable (MailMessage, SMTPSettings) async throws(MailError) -> Void
    /// Checks that the server can be reached and accepts the login.
    public typealias Verify = @Sendable (SMTPSettings) async throws(MailError) -> Void

    private let sendMessage: Send
    private let verifyServer: Verify

    /// A sender that talks to real SMTP servers through libcurl.
    public init() {
        self.sendMessage = { message, settings throws(MailError) in
            try await MailSender.sendWithCurl(message, settings: settings, date: Date(), messageID: MailMessage.makeMessageID())
        }
        self.verifyServer = { settings throws(MailError) in
            try await MailSender.verifyWithCurl(settings)
        }
    }

    /// A sender that does something else with messages, for tests of code that sends mail.
    /// - Parameters:
    ///   - send: called for each ``send(_:using:)``.
    ///   - verify: called for each ``verifyConnection(using:)``; succeeds by default.
    public init(send: @escaping Send, verify: @escaping Verify = { _ throws(MailError) in }) {
        self.sendMessage = send
        self.verifyServer = verify
    }

    /// Sends `message` to every address in its `to` list, as `settings.from` in the envelope.
    ///
    /// The settings and every address are checked first; a refused recipient stops the whole
    /// send, so the message reaches everyone or no one. Date and Message-ID are taken at the
    /// moment of sending.
    /// - Throws: ``MailError``; ``MailError/isTransient`` tells whether a later retry may work.
    public func send(_ message: MailMessage, using settings: SMTPSettings) async throws(MailError) {
        try await sendMessage(message, settings)
    }

    /// Connects, secures the connection, logs in when a username is set and says NOOP, without
    /// sending anything: a check for `earshot doctor`.
    /// - Throws: ``MailError`` of code connection, authentication, transport or setup.
    public func verifyConnection(using settings: SMTPSettings) async throws(MailError) {
        try await verifyServer(settings)
    }

    /// Checks, renders and sends through libcurl on a thread of its own.
    static func sendWithCurl(
        _ message: MailMessage, settings: SMTPSettings, date: Date, messageID: String
    ) async throws(MailError) {
        try validate(settings)
        guard !message.to.isEmpty else {
            throw MailError(code: .invalidAddress, message: "the message has no recipients")
        }
        for address in [message.from] + message.to where !address.isValid {
            throw MailError(code: .invalidAddress,
                            message: "\"\(address.address)\" is not an address that can be sent to (ASCII local@domain)")
        }
        let payload = message.rendered(date: date, messageID: messageID)
        let recipients = message.to.map(\.address)
        try await onOwnThread { () throws(MailError) in
            try SMTPTransfer(settings: settings, recipients: recipients, payload: payload).perform().get()
        }
    }

    static func verifyWithCurl(_ settings: SMTPSettings) async throws(MailError) {
        try validate(settings)
        try await onOwnThread { () throws(MailError) in
            try SMTPTransfer(settings: settings, recipients: [], payload: Data()).perform().get()
        }
    }

    private static func validate(_ settings: SMTPSettings) throws(MailError) {
        _ = try settings.serverURL()
        guard settings.from.isValid else {
            throw MailError(code: .invalidAddress,
                            message: "the sender \"\(settings.from.address)\" is not an address that can send (ASCII local@domain)")
        }
    }

    /// Runs `work` on a new thread and waits for it without blocking the caller's thread.
    private static func onOwnThread(_ work: @escaping @Sendable () throws(MailError) -> Void) async throws(MailError) {
        let result: Result<Void, MailError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                do throws(MailError) {
                    try work()
                    continuation.resume(returning: .success(()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.name = "earshot-smtp"
            thread.start()
        }
        try result.get()
    }
}
