import Foundation
import TestSupport
import Testing

/// The helper that runs the command-line tests' child processes.
@Suite struct CommandRunnerTests {
    /// A child that writes while it reads (`cat`) gets an input far larger than a pipe holds, and
    /// gives it all back: the input is written while the output is read, so neither side waits
    /// on a full pipe.
    @Test func aChildThatAnswersWhileItReadsGetsAllItsInput() async throws {
        let line = String(repeating: "x", count: 99) + "\n"
        let input = String(repeating: line, count: 20_000)
        let result = try await runProgram(URL(fileURLWithPath: "/bin/cat"), [], input: input)
        #expect(result.status == 0)
        #expect(result.standardOutput.utf8.count == input.utf8.count)
        #expect(result.standardOutput == input)
    }
}
