import Storage

/// Why notifications could not be sent at all (a single failed send is recorded and retried, not thrown).
public enum NotificationError: Error, Sendable {
    /// The digest has no one to go to: neither `[email] digest_to` nor the slt role's addresses.
    case noDigestRecipients
    /// The store that records what was sent could not be read or written.
    case storage(StorageError)
    /// The mailer was made without a store, so it can check the server but not send.
    case noStore
}
