import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar on standard error, redrawn in place; only when standard error is a
/// terminal, so cron and pipes get none.
final class ProgressLine: Sendable {
    private let lastDrawn = Mutex(-1)

    /// A progress line when standard error is a terminal and nothing asks for silence; else nil.
    static func forTerminal(quiet: Bool) -> ProgressLine? {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
        return ProgressLine()
    }

    func show(done: Int, of total: Int) {
        guard total > 0 else { return }
        let percent = done * 100 / total
        let shouldDraw = lastDrawn.withLock { last -> Bool in
            guard percent != last else { return false }
            last = percent
            return true
        }
        guard shouldDraw else { return }
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\rscanning [\(bar)] \(done)/\(total)".utf8))
    }

    /// Clears the line.
    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
