import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock beside the database, so that scans started by cron never overlap:
/// a second run finds the lock held, says so, and exits with ``ExitStatus/alreadyRunning``.
/// The kernel releases the lock when the process ends, however it ends.
final class RunLock {
    private let descriptor: Int32

    /// Takes the lock for `databaseFile`, or explains and exits when another run holds it.
    init(for databaseFile: URL, command: String) throws {
        let path = databaseFile.path + ".lock"
        try? FileManager.default.createDirectory(at: databaseFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            printError("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
            throw ExitStatus.storageFailure
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            printError("another earshot run is using \(databaseFile.path) (lock \(path)); this \(command) did nothing and will run next time")
            throw ExitStatus.alreadyRunning
        }
        _ = ftruncate(descriptor, 0)
        let owner = "\(getpid()) \(command)\n"
        _ = owner.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
