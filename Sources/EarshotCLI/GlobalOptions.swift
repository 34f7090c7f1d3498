import ArgumentParser
import Configuration
import Foundation
import Logging

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The configuration file (default: $EARSHOT_CONFIG, else ./earshot.toml).")
    var config: String?

    @Flag(name: .shortAndLong, help: "Log each step to standard error.")
    var verbose = false

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

    /// A logger writing one line per event to standard error: warnings only, unless verbose.
    func makeLogger() -> Logger {
        var logger = Logger(label: "earshot") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
