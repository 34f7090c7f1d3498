import CCurl
import CCurlShims
import Foundation

/// Owns one libcurl easy handle and everything it borrows (header list, buffers, error text)
/// for the life of one transfer. Used only by the engine thread; deliberately not Sendable.
final class CurlTransfer {
    let request: FetchRequest
    let handle: UnsafeMutableRawPointer
    private let settings: FetchSettings
    private var requestHeaders: UnsafeMutablePointer<curl_slist>?
    /// libcurl writes its error text here at any time during the transfer, so the buffer has a
    /// fixed address of its own (an array's storage is only borrowed for the length of one call).
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// Bytes of response header fields received; a server sending more than
    /// ``maximumHeaderBytes`` is cut off.
    private var headerBytes = 0
    static let maximumHeaderBytes = 256 * 1024
    private var addressGuard: UnsafeMutablePointer<earshot_curl_address_guard>
    private var body = Data()
    private var responseHeaders: [(name: String, value: String)] = []
    private var didExceedBodyLimit = false
    private var didExceedHeaderLimit = false
    /// Resumed exactly once by the engine when the transfer ends.
    var completion: (@Sendable (Result<FetchResponse, FetchError>) -> Void)?

    init(request: FetchRequest, settings: FetchSettings) throws(FetchError) {
        guard let handle = curl_easy_init() else {
            throw FetchError(code: .setup, url: request.url, detail: "curl_easy_init failed")
        }
        self.request = request
        self.settings = settings
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        self.addressGuard = .allocate(capacity: 1)
        addressGuard.initialize(to: earshot_curl_address_guard(
            allows_loopback: settings.allowsLoopback ? 1 : 0,
            allows_private: settings.allowsPrivateNetworks ? 1 : 0,
            checks_target_hosts: settings.mayUseProxy ? 1 : 0,
            refused_connection: 0,
            handle: handle
        ))
        try configure()
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(requestHeaders)
        addressGuard.deinitialize(count: 1)
        addressGuard.deallocate()
        errorBuffer.deallocate()
    }

    private func configure() throws(FetchError) {
        let url = request.url
        guard let scheme = url.scheme?.lowercased(), ["http", "https", "file"].contains(scheme) else {
            throw FetchError(code: .unsupportedScheme, url: url, detail: "only http, https and file URLs are fetched")
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(earshot_curl_setopt_string(handle, CURLOPT_URL, url.absoluteString))
        try check(earshot_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https,file"))
        try check(earshot_curl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        try check(earshot_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, request.followsRedirects ? 1 : 0))
        try check(earshot_curl_setopt_long(handle, CURLOPT_MAXREDIRS, settings.maximumRedirects))
        try check(earshot_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        try check(earshot_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1))
        try check(earshot_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2))
        try check(earshot_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeout.milliseconds))
        try check(earshot_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, settings.totalTimeout.milliseconds))
        try check(earshot_curl_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(settings.maximumBodyBytes)))
        try check(earshot_curl_setopt_string(handle, CURLOPT_USERAGENT, settings.userAgent))
        // An empty string asks libcurl for every encoding it can decode (gzip, deflate, br where built in).
        try check(earshot_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""))
        try check(earshot_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        try check(earshot_curl_setopt_pointer(handle, CURLOPT_PRIVATE, context))
        try check(earshot_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, curlTransferReceivedBody))
        try check(earshot_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        try check(earshot_curl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, curlTransferReceivedHeader))
        try check(earshot_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
        if let proxy = settings.proxy { try check(earshot_curl_setopt_string(handle, CURLOPT_PROXY, proxy)) }
        try check(earshot_curl_install_address_guard(handle, addressGuard))

        var headerLines = ["Accept: application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"]
        if let entityTag = request.entityTag { headerLines.append("If-None-Match: \(entityTag)") }
        if let lastModified = request.lastModified { headerLines.append("If-Modified-Since: \(lastModified)") }
        for line in headerLines {
            requestHeaders = curl_slist_append(requestHeaders, line)
        }
        try check(earshot_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, requestHeaders))
    }

    private func check(_ code: CURLcode) throws(FetchError) {
        guard code == CURLE_OK else {
            throw FetchError(code: .setup, url: request.url, detail: String(cString: curl_easy_strerror(code)))
        }
    }

    fileprivate func append(body bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= settings.maximumBodyBytes else {
            didExceedBodyLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Keeps one header line; false once the headers have grown past ``maximumHeaderBytes``.
    fileprivate func append(headerLine line: String, length: Int) -> Bool {
        headerBytes += length
        guard headerBytes <= Self.maximumHeaderBytes else {
            didExceedHeaderLimit = true
            return false
        }
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            // A new response (after a redirect or a 100 Continue): keep only the final one's fields.
            responseHeaders.removeAll()
            return true
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return true }
        let name = trimmed[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        responseHeaders.append((name: name, value: value))
        return true
    }

    /// Turns libcurl's result code for this transfer into a response or an error.
    func outcome(for code: CURLcode) -> Result<FetchResponse, FetchError> {
        guard code == CURLE_OK else {
            return .failure(error(for: code))
        }
        var status = 0
        _ = earshot_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var effective: UnsafePointer<CChar>?
        _ = earshot_curl_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effective)
        let finalURL = effective.flatMap { URL(string: String(cString: $0)) } ?? request.url
        if status == 0, finalURL.isFileURL { status = 200 }
        return .success(FetchResponse(statusCode: status, finalURL: finalURL, headers: responseHeaders, body: body))
    }

    private func error(for code: CURLcode) -> FetchError {
        let detail = String(cString: errorBuffer)
        let explanation = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        if addressGuard.pointee.refused_connection != 0 {
            return FetchError(code: .forbiddenAddress, url: request.url,
                              detail: "the host resolves to a private, link-local or loopback address")
        }
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return FetchError(code: .timedOut, url: request.url, detail: explanation)
        case CURLE_WRITE_ERROR where didExceedHeaderLimit:
            return FetchError(code: .transport, url: request.url,
                              detail: "the response headers are larger than \(Self.maximumHeaderBytes) bytes")
        case CURLE_WRITE_ERROR where didExceedBodyLimit, CURLE_FILESIZE_EXCEEDED:
            return FetchError(code: .bodyTooLarge, url: request.url,
                              detail: "the body is larger than \(settings.maximumBodyBytes) bytes")
        case CURLE_TOO_MANY_REDIRECTS:
            return FetchError(code: .tooManyRedirects, url: request.url, detail: explanation)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return FetchError(code: .unsupportedScheme, url: request.url, detail: explanation)
        default:
            return FetchError(code: .transport, url: request.url, detail: explanation)
        }
    }
}

private func curlTransferReceivedBody(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let buffer, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    // A short count makes libcurl abort with CURLE_WRITE_ERROR: the size cap while downloading.
    return transfer.append(body: UnsafeRawBufferPointer(start: buffer, count: length)) ? length : 0
}

private func curlTransferReceivedHeader(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let buffer, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: length), as: UTF8.self)
    // A short count makes libcurl abort the transfer: the header size cap.
    return transfer.append(headerLine: line, length: length) ? length : 0
}

extension Duration {
    /// Whole milliseconds, as libcurl's *_MS options take them.
    var milliseconds: Int {
        Int(components.seconds) * 1000 + Int(components.attoseconds / 1_000_000_000_000_000)
    }
}
