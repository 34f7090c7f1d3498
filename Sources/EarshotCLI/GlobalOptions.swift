import ArgumentParser
import Settings
import Foundation
import Logging
import Storage

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The configuration file (default: $EARSHOT_CONFIG, else ./earshot.toml).")
    var config: String?

    @Flag(name: .shortAndLong, help: "Log each step to standard error.")
    var verbose = false

    @Option(help: "Also append the log, one line per event, to this file.")
    var logFile: String?

    /// The configuration file's URL.
    var configurationFile: URL {
        let path = config ?? ProcessInfo.processInfo.environment["EARSHOT_CONFIG"] ?? "earshot.toml"
        return URL(fileURLWithPath: path)
    }

    /// Loads the configuration, or prints its one-line problem and exits with the configuration code.
    func loadConfiguration() throws -> EarshotConfiguration {
        do {
            return try ConfigurationLoader().load(from: configurationFile)
        } catch {
            printError("configuration error: \(error.description)")
            throw ExitStatus.configurationError
        }
    }

    /// A logger writing one line per event to standard error (warnings only, unless verbose) and,
    /// when asked, every event from `info` up to a log file.
    func makeLogger() -> Logger {
        var console = StreamLogHandler.standardError(label: "earshot")
        console.logLevel = verbose ? .debug : .warning
        var handlers: [any LogHandler] = [console]
        if let logFile {
            // The log's folder (data/ by default) does not exist before the first run creates it.
            try? OwnerOnlyFiles.createFile(URL(fileURLWithPath: logFile))
            if let handle = FileHandle(forWritingAtPath: logFile) {
                handle.seekToEndOfFile()
                handlers.append(FileLogHandler(handle: handle, logLevel: verbose ? .debug : .info))
            } else {
                printError("cannot write the log file \(logFile); logging to standard error only")
            }
        }
        // Each handler keeps its own level; the multiplexer passes an event to those that want it.
        return Logger(label: "earshot") { _ in MultiplexLogHandler(handlers) }
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
