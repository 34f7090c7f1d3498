import CCurl
import CCurlShims
import Foundation

/// Owns one libcurl easy handle and everything it borrows (recipient list, error buffer, the
/// bytes being uploaded) for one SMTP conversation. Created, run and freed on one thread;
/// deliberately not Sendable.
final class SMTPTransfer {
    private let handle: UnsafeMutableRawPointer
    private let settings: SMTPSettings
    private var recipients: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let payload: [UInt8]
    private var uploaded = 0

    /// Prepares a transfer that sends `payload` to `recipients`, or, with no recipients and an
    /// empty payload, one that only connects, logs in and says NOOP.
    init(settings: SMTPSettings, recipients addresses: [String], payload: Data) throws(MailError) {
        MailingCurlGlobal.initialize()
        guard let handle = curl_easy_init() else {
            throw MailError(code: .setup, message: "libcurl could not create a transfer (curl_easy_init failed)")
        }
        self.handle = handle
        self.settings = settings
        self.payload = Array(payload)
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        for address in addresses {
            recipients = curl_slist_append(recipients, "<\(address)>")
        }
        try configure(isSending: !addresses.isEmpty)
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(recipients)
        errorBuffer.deallocate()
    }

    private func configure(isSending: Bool) throws(MailError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(earshot_curl_setopt_string(handle, CURLOPT_URL, try settings.serverURL()))
        try check(earshot_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps"))
        try check(earshot_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        try check(earshot_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        try check(earshot_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeout.wholeMilliseconds))
        try check(earshot_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, settings.totalTimeout.wholeMilliseconds))
        try check(earshot_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1))
        try check(earshot_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2))
        let useTLS = settings.security == .none ? CURLUSESSL_NONE : CURLUSESSL_ALL
        try check(earshot_curl_setopt_long(handle, CURLOPT_USE_SSL, Int(useTLS.rawValue)))
        if let username = settings.username {
            // A login over an unencrypted connection would cross the network in clear; only the
            // machine's own relay may take one.
            guard settings.security != .none || ["localhost", "127.0.0.1", "::1"].contains(settings.host.lowercased()) else {
                throw MailError(code: .setup, message: "refusing to send the login to \(settings.host) without encryption; "
                                + "use security \"starttls\" or \"tls\", or unset \(SMTPSettings.usernameVariable)")
            }
            try check(earshot_curl_setopt_string(handle, CURLOPT_USERNAME, username))
            try check(earshot_curl_setopt_string(handle, CURLOPT_PASSWORD, settings.password ?? ""))
        }
        try check(earshot_curl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(settings.from.address)>"))
        // Replies to NOOP arrive as body data; keep them off standard output.
        try check(earshot_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, smtpTransferDiscardReply))
        if isSending {
            try check(earshot_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients))
            try check(earshot_curl_setopt_long(handle, CURLOPT_UPLOAD, 1))
            try check(earshot_curl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(payload.count)))
            try check(earshot_curl_setopt_data_callback(handle, CURLOPT_READFUNCTION, smtpTransferReadPayload))
            try check(earshot_curl_setopt_pointer(handle, CURLOPT_READDATA, context))
        } else {
            try check(earshot_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, "NOOP"))
        }
    }

    private func check(_ code: CURLcode) throws(MailError) {
        guard code == CURLE_OK else {
            throw MailError(code: .setup, message: "libcurl refused an SMTP option",
                            detail: String(cString: curl_easy_strerror(code)))
        }
    }

    /// Runs the whole conversation on the calling thread, which blocks until it ends.
    func perform() -> Result<Void, MailError> {
        let code = curl_easy_perform(handle)
        return code == CURLE_OK ? .success(()) : .failure(error(for: code))
    }

    /// Copies the next bytes of the message into libcurl's buffer; 0 when all are sent.
    fileprivate func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, payload.count - uploaded)
        guard count > 0 else { return 0 }
        payload.withUnsafeBytes { bytes in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[uploaded..<(uploaded + count)]))
        }
        uploaded += count
        return count
    }

    /// Turns libcurl's result into the room's error: the one place where curl codes are read.
    private func error(for code: CURLcode) -> MailError {
        var reply = 0
        _ = earshot_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        let bufferText = String(cString: errorBuffer)
        let detail = scrubbed(bufferText.isEmpty ? String(cString: curl_easy_strerror(code)) : bufferText)
        let server = "\(settings.host):\(settings.port)"
        func failure(_ code: MailError.Code, _ message: String) -> MailError {
            MailError(code: code, message: message, detail: detail, replyCode: reply)
        }
        switch code {
        case CURLE_LOGIN_DENIED:
            return failure(.authentication, "\(server) refused the login; check \(SMTPSettings.usernameVariable) and \(SMTPSettings.passwordVariable)")
        case _ where [530, 534, 535, 538].contains(reply):
            return settings.username == nil
                ? failure(.authentication, "\(server) requires a login; set \(SMTPSettings.usernameVariable) and \(SMTPSettings.passwordVariable)")
                : failure(.authentication, "\(server) refused the login; check \(SMTPSettings.usernameVariable) and \(SMTPSettings.passwordVariable)")
        case CURLE_SEND_ERROR where bufferText.hasPrefix("RCPT failed"),
             CURLE_RECV_ERROR where bufferText.hasPrefix("RCPT failed"):
            return failure(.rejectedRecipient, "\(server) refused a recipient (reply \(reply)); the message went to nobody")
        case CURLE_COULDNT_RESOLVE_HOST:
            return failure(.connection, "the SMTP host \(settings.host) could not be found")
        case CURLE_COULDNT_CONNECT:
            return failure(.connection, "nothing accepted a connection at \(server)")
        case CURLE_OPERATION_TIMEDOUT where !hasConnected:
            return failure(.connection, "connecting to \(server) took longer than \(settings.connectTimeout)")
        case CURLE_USE_SSL_FAILED:
            return failure(.connection, "\(server) does not offer STARTTLS; use security \"tls\" or a server that does")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
             CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR:
            return failure(.connection, "a trusted TLS connection to \(server) could not be set up")
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_FAILED_INIT, CURLE_OUT_OF_MEMORY,
             CURLE_NOT_BUILT_IN, CURLE_UNKNOWN_OPTION:
            return failure(.setup, "libcurl cannot send mail to \(server) with these settings")
        case CURLE_OPERATION_TIMEDOUT:
            return failure(.transport, "sending to \(server) took longer than \(settings.totalTimeout)")
        default:
            return failure(.transport, "the SMTP conversation with \(server) failed")
        }
    }

    /// Whether a TCP connection to the server was made before the failure.
    private var hasConnected: Bool {
        var connectTime: curl_off_t = 0
        _ = earshot_curl_getinfo_off_t(handle, CURLINFO_CONNECT_TIME_T, &connectTime)
        return connectTime > 0
    }

    /// `text` with the password blanked out, should libcurl or the server ever echo it.
    private func scrubbed(_ text: String) -> String {
        guard let password = settings.password, !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "(hidden)")
    }
}

/// Calls `curl_global_init` once for this room, before the first handle is made.
enum MailingCurlGlobal {
    private static let once: Void = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }()

    static func initialize() { _ = once }
}

private func smtpTransferReadPayload(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let buffer, let context else { return Int(CURL_READFUNC_ABORT) }
    let transfer = Unmanaged<SMTPTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.fill(UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
}

private func smtpTransferDiscardReply(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    size * count
}

extension Duration {
    /// Whole milliseconds, as libcurl's *_MS options take them.
    var wholeMilliseconds: Int {
        Int(components.seconds) * 1000 + Int(components.attoseconds / 1_000_000_000_000_000)
    }
}
