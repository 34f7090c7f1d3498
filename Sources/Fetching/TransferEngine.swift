import CCurl
import CCurlShims
import Foundation
import Synchronization

/// Drives every transfer through one libcurl multi handle on a thread of its own.
///
/// Callers `await` a fetch; the engine thread runs `curl_multi_perform` → `curl_multi_poll` →
/// `curl_multi_info_read` and resumes each caller when its transfer ends. No thread per request,
/// and nothing blocking on Swift's cooperative pool. Use ``withTransferEngine(settings:_:)`` to scope it.
public final class TransferEngine: Sendable {
    private struct Shared: ~Copyable {
        var waiting: [CurlTransferBox] = []
        var isShuttingDown = false
    }

    public let settings: FetchSettings
    private let shared = Mutex(Shared())
    private let multi: MultiHandle
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the engine thread. Call ``shutdown()`` (or use ``withTransferEngine(settings:_:)``) when done.
    public init(settings: FetchSettings) throws(FetchError) {
        CurlGlobal.initialize()
        guard let handle = curl_multi_init() else {
            throw FetchError(code: .setup, url: URL(string: "about:blank")!, detail: "curl_multi_init failed")
        }
        self.settings = settings
        self.multi = MultiHandle(handle: handle)
        _ = earshot_curl_multi_setopt_long(handle, CURLMOPT_MAX_TOTAL_CONNECTIONS, settings.maximumConcurrentTransfers)
        _ = earshot_curl_multi_setopt_long(handle, CURLMOPT_MAX_HOST_CONNECTIONS, settings.maximumConnectionsPerHost)
        let thread = Thread { [self] in runLoop() }
        thread.name = "earshot-transfers"
        thread.start()
    }

    /// Fetches one URL and returns the final response, whatever its status.
    /// - Throws: ``FetchError`` when no response could be had.
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        let transfer = try CurlTransfer(request: request, settings: settings)
        let result: Result<FetchResponse, FetchError> = await withCheckedContinuation { continuation in
            transfer.completion = { continuation.resume(returning: $0) }
            let box = CurlTransferBox(transfer)
            let accepted = shared.withLock { state -> Bool in
                guard !state.isShuttingDown else { return false }
                state.waiting.append(box)
                return true
            }
            if accepted {
                curl_multi_wakeup(multi.handle)
            } else {
                continuation.resume(returning: .failure(
                    FetchError(code: .setup, url: request.url, detail: "the transfer engine has shut down")))
            }
        }
        return try result.get()
    }

    /// Finishes the transfers in flight, then stops the engine thread and frees the multi handle.
    public func shutdown() {
        let wasRunning = shared.withLock { state -> Bool in
            defer { state.isShuttingDown = true }
            return !state.isShuttingDown
        }
        guard wasRunning else { return }
        curl_multi_wakeup(multi.handle)
        finished.wait()
    }

    private func runLoop() {
        var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        while true {
            let (arrivals, isShuttingDown) = shared.withLock { state in
                defer { state.waiting.removeAll() }
                return (state.waiting.map(\.transfer), state.isShuttingDown)
            }
            for transfer in arrivals {
                running[transfer.handle] = transfer
                curl_multi_add_handle(multi.handle, transfer.handle)
            }
            if isShuttingDown && running.isEmpty { break }

            var stillRunning: Int32 = 0
            curl_multi_perform(multi.handle, &stillRunning)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi.handle, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi.handle, easy)
                if let transfer = running.removeValue(forKey: easy) {
                    let outcome = transfer.outcome(for: code)
                    transfer.completion?(outcome)
                    transfer.completion = nil
                }
            }
            if !running.isEmpty || arrivals.isEmpty {
                var ready: Int32 = 0
                curl_multi_poll(multi.handle, nil, 0, running.isEmpty ? 1000 : 100, &ready)
            }
        }
        curl_multi_cleanup(multi.handle)
        finished.signal()
    }
}

/// Runs `body` with a started engine and shuts it down afterwards, even when `body` throws.
public func withTransferEngine<Result>(
    settings: FetchSettings,
    _ body: (TransferEngine) async throws -> Result
) async throws -> Result {
    let engine = try TransferEngine(settings: settings)
    do {
        let result = try await body(engine)
        engine.shutdown()
        return result
    } catch {
        engine.shutdown()
        throw error
    }
}

/// The multi handle's address. Only the engine thread uses it, except `curl_multi_wakeup`,
/// which libcurl documents as safe to call from any thread.
private struct MultiHandle: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
}

/// Hands a transfer from the calling task to the engine thread; after the hand-over only that thread touches it.
private struct CurlTransferBox: @unchecked Sendable {
    let transfer: CurlTransfer
    init(_ transfer: CurlTransfer) { self.transfer = transfer }
}

/// libcurl's process-wide initialisation, done once before the first handle.
enum CurlGlobal {
    private static let once: Void = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }()

    static func initialize() { _ = once }
}
