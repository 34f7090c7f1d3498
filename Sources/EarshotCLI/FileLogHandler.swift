import Foundation
import Logging

/// Appends one line per log event to a file: time, level, message and metadata.
struct FileLogHandler: LogHandler {
    let handle: FileHandle
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(Date().formatted(.iso8601)) \(event.level) \(event.message)\(fields.isEmpty ? "" : " " + fields)\n"
        handle.write(Data(line.utf8))
    }
}
