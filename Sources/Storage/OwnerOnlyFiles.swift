import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files and folders Earshot creates for the account that runs it alone: the data folder with the
/// database, its lock and the log, and the reports folder with the digests, which hold the text of
/// safeguarding posts. Folders are created 0700 and files 0600, whatever the umask.
public enum OwnerOnlyFiles {
    /// The mode of every folder Earshot creates.
    public static let folderMode: mode_t = 0o700
    /// The mode of every file Earshot writes.
    public static let fileMode: mode_t = 0o600

    /// Creates `folder` and any of its parents that are missing, each readable by its owner only.
    /// Folders that exist already are left as they are.
    /// - Throws: `POSIXError` when a folder cannot be created.
    public static func createFolder(_ folder: URL) throws {
        var path = ""
        var status = stat()
        for component in folder.standardizedFileURL.path.split(separator: "/") {
            path += "/" + component
            if stat(path, &status) == 0 { continue }
            if mkdir(path, folderMode) != 0, errno != EEXIST {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        }
    }

    /// Creates `file` empty, readable and writable by its owner only, unless it exists already; its
    /// folder is created first (see ``createFolder(_:)``).
    /// - Throws: `POSIXError` when the folder or the file cannot be created.
    public static func createFile(_ file: URL) throws {
        try createFolder(file.deletingLastPathComponent())
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        close(descriptor)
    }

    /// Writes `contents` as UTF-8 to `file`, readable and writable by its owner only, atomically:
    /// into a new file beside it, then renamed over it, so a reader never sees half a file and a
    /// file written before with a wider mode is replaced, not reused. The folder must exist.
    /// - Throws: `POSIXError` when the file cannot be written.
    public static func write(_ contents: String, to file: URL) throws {
        let temporary = file.deletingLastPathComponent()
            .appendingPathComponent(".\(file.lastPathComponent).\(getpid()).\(UInt32.random(in: .min ... .max)).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var failure: POSIXErrorCode?
        Array(contents.utf8).withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = POSIXErrorCode(rawValue: errno) ?? .EIO
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = POSIXErrorCode(rawValue: errno) ?? .EIO }
        close(descriptor)
        if failure == nil, rename(temporary, file.path) != 0 { failure = POSIXErrorCode(rawValue: errno) ?? .EIO }
        if let failure {
            unlink(temporary)
            throw POSIXError(failure)
        }
    }
}
