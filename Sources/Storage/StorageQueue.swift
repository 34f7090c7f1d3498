import Dispatch

/// Runs work on a ``Store`` on one serial thread of its own, so that SQLite's blocking calls, and
/// the waits for PostgreSQL's answers, stay off Swift's cooperative thread pool and the connection
/// is used by one thread at a time.
public final class StorageQueue: @unchecked Sendable {
    // The store is touched only inside `queue`'s blocks, one at a time.
    private let store: Store
    private let queue = DispatchQueue(label: "earshot.storage")

    public init(store: Store) {
        self.store = store
    }

    /// Runs `body` with the store on the storage thread and returns its result.
    public func perform<Result: Sendable>(_ body: @escaping @Sendable (Store) throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Swift.Result { try body(self.store) })
            }
        }
    }
}
