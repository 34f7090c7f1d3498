import ArgumentParser
import Foundation
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock beside the database, so that scans started by cron never overlap:
/// a second run finds the lock held, says so, and exits with ``ExitStatus/alreadyRunning``.
/// The kernel releases the lock when the process ends, however it ends.
final class RunLock {
    private let descriptor: Int32

    /// Takes the lock for `databaseFile`, waiting up to `patience` for another run to finish, or
    /// explains and exits when that run still holds it.
    init(for databaseFile: URL, command: String, patience: Duration = .zero) throws {
        let path = databaseFile.path + ".lock"
        try? OwnerOnlyFiles.createFolder(databaseFile.deletingLastPathComponent())
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            printError("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
            throw ExitStatus.storageFailure
        }
        let deadline = ContinuousClock.now.advanced(by: patience)
        var isLocked = flock(descriptor, LOCK_EX | LOCK_NB) == 0
        while !isLocked, ContinuousClock.now < deadline {
            usleep(500_000)
            isLocked = flock(descriptor, LOCK_EX | LOCK_NB) == 0
        }
        guard isLocked else {
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
