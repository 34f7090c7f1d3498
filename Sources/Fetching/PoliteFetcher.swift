import Foundation
import Model

/// What a polite fetch ended with.
public struct FetchOutcome: Sendable {
    public var response: FetchResponse
    /// Where the source now lives, when every redirect on the way was permanent (301 or 308).
    public var permanentRedirect: URL?
    /// Tries made, the first included.
    public var attempts: Int

    public init(response: FetchResponse, permanentRedirect: URL?, attempts: Int) {
        self.response = response
        self.permanentRedirect = permanentRedirect
        self.attempts = attempts
    }
}

/// Fetches the way a good citizen does: obeys robots.txt, spaces requests to each host, follows
/// redirects one hop at a time (noticing permanent ones and loops), and retries timeouts, 429 and
/// 5xx answers with exponential backoff and jitter, honouring Retry-After.
public struct PoliteFetcher: Sendable {
    public let engine: TransferEngine
    public let policy: PolitenessPolicy
    private let ledger = HostLedger()
    private let robots = RobotsCache()
    private let sleep: @Sendable (Duration) async -> Void
    private let jitter: @Sendable () -> Double
    private let now: @Sendable () -> ContinuousClock.Instant

    /// - Parameters:
    ///   - sleep: waits for a duration; tests pass one that records instead of waiting.
    ///   - jitter: a factor in [0.5, 1.5] applied to backoff waits.
    ///   - now: the clock that spaces requests to one host; tests pass one that moves only as they wait.
    public init(
        engine: TransferEngine,
        policy: PolitenessPolicy = PolitenessPolicy(),
        sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0.5...1.5) },
        now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.engine = engine
        self.policy = policy
        self.sleep = sleep
        self.jitter = jitter
        self.now = now
    }

    /// Fetches `request`, politely.
    /// - Throws: ``FetchError`` when robots.txt forbids it, every try failed, or redirects looped.
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchOutcome {
        var current = request
        current.followsRedirects = false
        var visited: Set<String> = [request.url.absoluteString]
        var isPermanentSoFar = true
        var attemptsMade = 0
        for _ in 0...policy.maximumRedirects {
            let (response, attempts) = try await fetchWithRetries(current)
            attemptsMade += attempts
            guard [301, 302, 303, 307, 308].contains(response.statusCode), let location = response.header("location") else {
                let moved = isPermanentSoFar && current.url != request.url ? current.url : nil
                return FetchOutcome(response: response, permanentRedirect: moved, attempts: attemptsMade)
            }
            guard let next = URL(string: location, relativeTo: current.url)?.absoluteURL,
                  ["http", "https"].contains(next.scheme?.lowercased() ?? "") else {
                throw FetchError(code: .unsupportedScheme, url: current.url, detail: "redirect to \"\(location)\" is not http or https")
            }
            guard visited.insert(next.absoluteString).inserted else {
                throw FetchError(code: .tooManyRedirects, url: request.url, detail: "redirect loop at \(AddressRedaction.redacted(next))")
            }
            isPermanentSoFar = isPermanentSoFar && [301, 308].contains(response.statusCode)
            current.url = next
        }
        throw FetchError(code: .tooManyRedirects, url: request.url, detail: "more than \(policy.maximumRedirects) redirects")
    }

    private func fetchWithRetries(_ request: FetchRequest) async throws(FetchError) -> (FetchResponse, Int) {
        try await checkRobots(for: request.url)
        var attempt = 1
        while true {
            await waitForHostSlot(request.url)
            let failure: FetchError
            let retryAfter: Duration?
            do {
                let response = try await engine.fetch(request)
                guard response.statusCode == 429 || (500...599).contains(response.statusCode) else {
                    return (response, attempt)
                }
                failure = FetchError(code: .serverUnavailable, url: request.url, detail: "HTTP status \(response.statusCode)")
                retryAfter = response.header("retry-after").flatMap { RetryAfter.duration(from: $0, now: Date()) }
            } catch where error.isTransient {
                failure = error
                retryAfter = nil
            } catch {
                throw error
            }
            guard attempt < policy.maximumAttempts else { throw failure }
            let wait = retryAfter ?? backoff(afterAttempt: attempt)
            guard wait <= policy.maximumBackoff else {
                throw FetchError(code: failure.code, url: failure.url,
                                 detail: failure.detail + "; the server asks to wait \(wait.components.seconds) s")
            }
            await sleep(wait)
            attempt += 1
        }
    }

    private func backoff(afterAttempt attempt: Int) -> Duration {
        let base = policy.initialBackoff * (1 << min(attempt - 1, 16))
        return min(base * jitter(), policy.maximumBackoff)
    }

    private func waitForHostSlot(_ url: URL) async {
        guard let origin = Self.origin(of: url) else { return }
        var spacing = policy.minimumDelayPerHost
        if policy.obeysRobots, let delay = await robots.policy(for: origin, load: { .allowAll }).crawlDelay {
            spacing = max(spacing, min(delay, policy.maximumCrawlDelay))
        }
        let wait = await ledger.book(origin, spacing: spacing, now: now())
        if wait > .zero { await sleep(wait) }
    }

    private func checkRobots(for url: URL) async throws(FetchError) {
        guard policy.obeysRobots, let origin = Self.origin(of: url) else { return }
        let engine = self.engine
        let robotsPolicy = await robots.policy(for: origin) {
            await Self.loadRobots(origin: origin, engine: engine, token: policy.robotsToken)
        }
        guard robotsPolicy.allows(url) else {
            throw FetchError(code: .disallowedByRobots, url: url, detail: "\(origin)/robots.txt disallows it")
        }
    }

    /// RFC 9309: a 4xx robots.txt means no rules; a 5xx or an unreachable one means stay away for now.
    private static func loadRobots(origin: String, engine: TransferEngine, token: String) async -> RobotsPolicy {
        guard let url = URL(string: origin + "/robots.txt") else { return .allowAll }
        do {
            let response = try await engine.fetch(FetchRequest(url: url))
            switch response.statusCode {
            case 200..<300: return RobotsPolicy(parsing: String(decoding: response.body, as: UTF8.self), userAgent: token)
            case 400..<500: return .allowAll
            default: return .disallowAll
            }
        } catch {
            return error.code == .bodyTooLarge ? .allowAll : .disallowAll
        }
    }

    /// `scheme://host:port` for http and https URLs; nil for files.
    static func origin(of url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), let host = url.host?.lowercased() else {
            return nil
        }
        let port = url.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)"
    }
}

/// Reads an HTTP Retry-After value: delay seconds or an HTTP date.
enum RetryAfter {
    static func duration(from value: String, now: Date) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .seconds(max(0, Int(date.timeIntervalSince(now).rounded(.up))))
    }
}
