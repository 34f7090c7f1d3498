import ArgumentParser

/// The exit codes `earshot` documents, following the BSD sysexits convention.
public enum ExitStatus {
    /// Everything worked.
    public static let success = ExitCode(0)
    /// The scan ran, but some sources could not be fetched or parsed; they are retried later.
    public static let someSourcesFailed = ExitCode(75)
    /// The database could not be opened, read or written.
    public static let storageFailure = ExitCode(74)
    /// The configuration or an OPML file is wrong; nothing was fetched.
    public static let configurationError = ExitCode(78)
    /// Another run holds the lock on the database; this one did nothing.
    public static let alreadyRunning = ExitCode(69)
    /// A file the command writes could not be written.
    public static let cannotWrite = ExitCode(73)
}
