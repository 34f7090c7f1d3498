import Foundation
import TestSupport
import Testing

/// The progress line `earshot scan` draws on a terminal, seen through a real pseudo-terminal
/// (util-linux's `script`), as a person at a terminal would see it.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) from util-linux"))
struct ScanProgressTests {
    /// What `earshot` showed on the terminal, standard output and standard error together.
    func terminalOutput(_ arguments: [String]) async throws -> String {
        let command = ([productsDirectory.appendingPathComponent("earshot").path] + arguments)
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        let result = try await runProgram(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"])
        return result.standardOutput + result.standardError
    }

    @Test func aScanOnATerminalShowsProgressUnlessQuietOrVerbose() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try writeSampleConfiguration(into: folder).path
            #expect(try await terminalOutput(["scan", "--all", "--config", configuration]).contains("scanning ["))
            let quiet = try await terminalOutput(["scan", "--all", "--quiet", "--config", configuration])
            #expect(!quiet.contains("scanning ["), "\(quiet)")
            let verbose = try await terminalOutput(["scan", "--all", "--verbose", "--config", configuration])
            #expect(!verbose.contains("scanning ["))
        }
    }
}
