import ArgumentParser
import Configuration
import Digest
import Foundation
import Logging
import Mailing
import Model
import Storage
import Workflow

/// Emails what must be emailed: digests and instant alerts, each at most once, each retried on the
/// next run after a failure. What was sent is recorded in the store, so nothing is lost or doubled.
struct Mailer {
    let configuration: EarshotConfiguration
    /// The store that records what was sent; nil for a mailer that only checks the server.
    let store: Store?
    let email: EmailSettings
    let sender: MailSender

    /// A mailer when the configuration has an `[email]` section; nil otherwise.
    init?(configuration: EarshotConfiguration, store: Store?, sender: MailSender = MailSender()) {
        guard let email = configuration.email else { return nil }
        self.configuration = configuration
        self.store = store
        self.email = email
        self.sender = sender
    }

    var settings: SMTPSettings {
        let security: SMTPSettings.Security = switch email.security {
        case .none: .none
        case .starttls: .startTLS
        case .tls: .implicitTLS
        }
        return SMTPSettings(host: email.host, port: email.port, security: security,
                            from: MailAddress(email.fromAddress, displayName: email.fromName))
            .loggingIn(with: SMTPSettings.credentials(from: ProcessInfo.processInfo.environment))
    }

    /// Sends every digest not yet sent, oldest first. Returns how many failed.
    func sendPendingDigests(logger: Logger) async throws -> Int {
        let recipients = email.digestRecipients.map { MailAddress($0) }
        guard !recipients.isEmpty else {
            printError("no one to send the digest to: set [email] digest_to or give the slt role addresses")
            throw ExitStatus.configurationError
        }
        var failures = 0
        for digest in try storage({ try $0.unsentDigests() }) {
            guard let text = try? String(contentsOfFile: digest.textPath, encoding: .utf8) else {
                try storage { try $0.noteDigestSend(digest.id, at: Date(), error: "the file \(digest.textPath) is missing") }
                failures += 1
                continue
            }
            let html = try? String(contentsOfFile: digest.htmlPath, encoding: .utf8)
            let message = MailMessage(from: settings.from, to: recipients, subject: digest.subject, textBody: text, htmlBody: html)
            do {
                try await sender.send(message, using: settings)
            } catch {
                failures += 1
                try storage { try $0.noteDigestSend(digest.id, at: Date(), error: error.description) }
                logger.error("digest not sent", metadata: ["day": "\(digest.day)", "error": "\(error.description)"])
                printError("the digest for \(digest.day) was not sent (\(error.description)); it is kept and retried next time")
                continue
            }
            try storage { try $0.noteDigestSend(digest.id, at: Date(), error: nil) }
            print("sent the digest for \(digest.day) to \(recipients.count) recipient\(recipients.count == 1 ? "" : "s")")
        }
        return failures
    }

    /// Emails each case's owner role at once about cases whose routing asks for it. Returns how many failed.
    func sendPendingAlerts(logger: Logger) async throws -> Int {
        guard email.sendsInstantAlerts else { return 0 }
        var failures = 0
        let presenter = CasePresenter(timeZone: configuration.calendar.timeZone, now: Date())
        for item in try storage({ try $0.casesAwaitingAlert() }) {
            let recipients = (configuration.roleAddresses[item.owner] ?? []).map { MailAddress($0) }
            guard !recipients.isEmpty else { continue }
            let message = alert(for: item, to: recipients, presenter: presenter)
            do {
                try await sender.send(message, using: settings)
            } catch {
                failures += 1
                try storage { try $0.noteAlert(item.id, at: Date(), error: error.description) }
                logger.error("alert not sent", metadata: ["case": "\(item.id)", "error": "\(error.description)"])
                continue
            }
            try storage { try $0.noteAlert(item.id, at: Date(), error: nil) }
            logger.notice("alert sent", metadata: ["case": "\(item.id)", "owner": "\(item.owner)"])
        }
        return failures
    }

    private func alert(for item: CaseSummary, to recipients: [MailAddress], presenter: CasePresenter) -> MailMessage {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = configuration.calendar.timeZone
        formatter.dateFormat = "EEE d MMM HH:mm"
        let guidance = configuration.routing[item.primaryConcern]?.guidance ?? ""
        let subject = "[Earshot] \(item.primaryConcern.displayName): case \(item.id), due \(formatter.string(from: item.dueAt))"
        var lines = [
            "A post about \(configuration.schoolName) needs your attention now.",
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

    private func storage<Result>(_ body: (Store) throws -> Result) throws -> Result {
        guard let store else { throw ExitStatus.storageFailure }
        do {
            return try body(store)
        } catch let error as StorageError {
            printError("storage error: \(error.description)")
            throw ExitStatus.storageFailure
        }
    }
}
