import Settings
import Foundation
import Logging
import Mailing
import Model
import Storage
import Workflow

/// Emails what must be emailed: digests and instant alerts, each at most once, each retried on the
/// next run after a failure. What was sent is recorded in the store, so nothing is lost or doubled.
public struct Mailer {
    /// How long a claim on an alert lasts: a scanner killed between claiming and sending leaves
    /// the alert to the next scan after this.
    public static let alertClaim: TimeInterval = 600

    let configuration: EarshotConfiguration
    /// The store that records what was sent; nil for a mailer that only checks the server.
    let store: Store?
    let email: EmailSettings
    let sender: MailSender

    /// A mailer when the configuration has an `[email]` section; nil otherwise.
    public init?(configuration: EarshotConfiguration, store: Store?, sender: MailSender = MailSender()) {
        guard let email = configuration.email else { return nil }
        self.configuration = configuration
        self.store = store
        self.email = email
        self.sender = sender
    }

    /// The SMTP settings of the configuration, with the login from the environment.
    public var settings: SMTPSettings {
        let security: SMTPSettings.Security = switch email.security {
        case .none: .none
        case .starttls: .startTLS
        case .tls: .implicitTLS
        }
        return SMTPSettings(host: email.host, port: email.port, security: security,
                            from: MailAddress(email.fromAddress, displayName: email.fromName))
            .loggingIn(with: SMTPSettings.credentials(from: ProcessInfo.processInfo.environment))
    }

    /// Who a digest goes to: its school's recipients, or for the trust's digest the trust's (the
    /// `[email]` ones when there is no `[trust]` table).
    func recipients(of digest: Store.DigestRecord) -> [MailAddress] {
        let addresses = digest.school.flatMap(configuration.school)?.digestRecipients
            ?? (digest.school == nil ? configuration.schools[0].digestRecipients : email.digestRecipients)
        return addresses.map { MailAddress($0) }
    }

    /// Sends every digest not yet sent, oldest first, each to its school's recipients, and says
    /// which went and which are kept.
    public func sendPendingDigests(logger: Logger) async throws(NotificationError) -> DigestSendReport {
        let pending = try storage({ (store: Store) throws(StorageError) in try store.unsentDigests() })
        guard pending.allSatisfy({ !recipients(of: $0).isEmpty }) else { throw .noDigestRecipients }
        var report = DigestSendReport()
        for digest in pending {
            let recipients = recipients(of: digest)
            guard let text = try? String(contentsOfFile: digest.textPath, encoding: .utf8) else {
                let problem = "the file \(digest.textPath) is missing"
                try storage { (store: Store) throws(StorageError) in try store.noteDigestSend(digest.id, at: Date(), error: problem) }
                report.failed.append((digest.day, problem))
                continue
            }
            let html = try? String(contentsOfFile: digest.htmlPath, encoding: .utf8)
            let message = MailMessage(from: settings.from, to: recipients, subject: digest.subject, textBody: text, htmlBody: html)
            do {
                try await sender.send(message, using: settings)
            } catch {
                try storage { (store: Store) throws(StorageError) in try store.noteDigestSend(digest.id, at: Date(), error: error.description) }
                logger.error("digest not sent", metadata: ["day": "\(digest.day)", "error": "\(error.description)"])
                report.failed.append((digest.day, error.description))
                continue
            }
            try storage { (store: Store) throws(StorageError) in try store.noteDigestSend(digest.id, at: Date(), error: nil) }
            report.sent.append((digest.day, recipients.count))
        }
        return report
    }

    /// Emails each case's owner role at its school at once about cases whose routing asks for it.
    /// Each alert is claimed before it is sent, so that scanners sharing a store never send one
    /// twice; a claim whose scanner died lapses after ``alertClaim``. Returns how many failed.
    public func sendPendingAlerts(logger: Logger) async throws(NotificationError) -> Int {
        guard email.sendsInstantAlerts else { return 0 }
        var failures = 0
        let holder = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString)"
        for item in try storage({ (store: Store) throws(StorageError) in try store.casesAwaitingAlert() }) {
            let recipients = (configuration.school(item.school)?.roleAddresses[item.owner] ?? []).map { MailAddress($0) }
            guard !recipients.isEmpty else { continue }
            let now = Date()
            guard try storage({ (store: Store) throws(StorageError) in
                try store.claimAlert(item.id, for: holder, until: now.addingTimeInterval(Self.alertClaim), at: now)
            }) else { continue }
            let message = alert(for: item, to: recipients)
            do {
                try await sender.send(message, using: settings)
            } catch {
                failures += 1
                try storage { (store: Store) throws(StorageError) in try store.noteAlert(item.id, at: Date(), error: error.description) }
                logger.error("alert not sent", metadata: ["case": "\(item.id)", "error": "\(error.description)"])
                continue
            }
            try storage { (store: Store) throws(StorageError) in try store.noteAlert(item.id, at: Date(), error: nil) }
            logger.notice("alert sent", metadata: ["case": "\(item.id)", "owner": "\(item.owner)"])
        }
        return failures
    }

    /// The alert email for a case: what it is, who owns it, when it is due, what the policy asks,
    /// and the post, as plain text and as escaped HTML.
    func alert(for item: CaseSummary, to recipients: [MailAddress]) -> MailMessage {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = configuration.calendar.timeZone
        formatter.dateFormat = "EEE d MMM HH:mm"
        let guidance = configuration.routing[item.primaryConcern]?.guidance ?? ""
        let subject = "[Earshot] \(item.primaryConcern.displayName): case \(item.id), due \(formatter.string(from: item.dueAt))"
        let schoolName = configuration.school(item.school)?.name ?? configuration.displayName
        var lines = [
            "A post about \(schoolName) needs your attention now.",
            "",
            "Case \(item.id): \(item.primaryConcern.displayName), owner \(item.owner), due \(formatter.string(from: item.dueAt)).",
        ]
        if !guidance.isEmpty { lines.append("What the policy asks: \(guidance)") }
        lines += ["", "\(item.title)", item.snippet, "\(item.sourceTitle)" + (item.link.map { ": \($0.absoluteString)" } ?? ""),
                  "", "See it all with: earshot cases show \(item.id.rawValue)"]
        // The HTML part is escaped (direction controls included); the text part needs them neutralised too.
        let text = DirectionControls.neutralised(lines.joined(separator: "\n"))
        let html = "<!DOCTYPE html><html><body style=\"font-family:Arial,sans-serif\">"
            + lines.map { $0.isEmpty ? "<br>" : "<p style=\"margin:0 0 4px\">\(MarkupText.escaped($0))</p>" }.joined()
            + "</body></html>"
        return MailMessage(from: settings.from, to: recipients, subject: subject, textBody: text, htmlBody: html)
    }

    private func storage<Result>(_ body: (Store) throws(StorageError) -> Result) throws(NotificationError) -> Result {
        guard let store else { throw .noStore }
        do {
            return try body(store)
        } catch {
            throw .storage(error)
        }
    }
}

/// Which digests went out in one run, and which are kept to be retried, with why.
public struct DigestSendReport: Sendable {
    /// The days whose digests were sent, with how many people each went to.
    public var sent: [(day: String, recipientCount: Int)] = []
    /// The days whose digests were not sent, with the reason.
    public var failed: [(day: String, problem: String)] = []
}
