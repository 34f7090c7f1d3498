/// Keeps each host's next free slot so that requests to one host are spaced out while
/// other hosts go ahead. Small and private to the fetcher, as shared state with identity should be.
actor HostLedger {
    private var nextFreeSlot: [String: ContinuousClock.Instant] = [:]

    /// Books the next slot for `host` at least `spacing` after the previous booking, and says how
    /// long the caller must wait for it.
    func book(_ host: String, spacing: Duration, now: ContinuousClock.Instant) -> Duration {
        let slot = max(now, nextFreeSlot[host] ?? now)
        nextFreeSlot[host] = slot + spacing
        return slot - now
    }
}

/// robots.txt per origin, fetched once per fetcher and shared by concurrent fetches.
actor RobotsCache {
    private var policies: [String: Task<RobotsPolicy, Never>] = [:]

    /// The policy for `origin`, loading it with `load` the first time.
    func policy(for origin: String, load: @escaping @Sendable () async -> RobotsPolicy) async -> RobotsPolicy {
        if let task = policies[origin] { return await task.value }
        let task = Task { await load() }
        policies[origin] = task
        return await task.value
    }
}
