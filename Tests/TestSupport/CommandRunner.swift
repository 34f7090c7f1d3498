import Foundation

/// What a finished child process printed and how it exited.
public struct CommandResult: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

/// The folder holding the package's built products (the `earshot` executable among them).
public var productsDirectory: URL {
    let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
    return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("earshot").path) }
        ?? Bundle.main.bundleURL
}

/// Runs a built product of this package with `arguments` in `directory`, with `input` (when
/// given) on its standard input; see ``runProgram(_:_:in:input:)``.
public func runProduct(_ name: String, _ arguments: [String], in directory: URL? = nil, input: String? = nil) async throws -> CommandResult {
    try await runProgram(productsDirectory.appendingPathComponent(name), arguments, in: directory, input: input)
}

/// Runs `executable` with `arguments` in `directory`, with `input` (or nothing) on its standard
/// input, and waits for it on a thread of its own, so that a test run full of child processes
/// never holds Swift's shared threads, which servers under test answer on.
public func runProgram(_ executable: URL, _ arguments: [String], in directory: URL? = nil, input: String? = nil) async throws -> CommandResult {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result { try runProgramWaiting(executable, arguments, in: directory, input: input) })
        }.start()
    }
}

/// Runs `executable` as ``runProgram(_:_:in:input:)`` does, on the calling thread, with
/// `environment` (when given) instead of this process's.
func runProgramWaiting(_ executable: URL, _ arguments: [String], in directory: URL? = nil, input: String? = nil,
                       environment: [String: String]? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment { process.environment = environment }
    let standardInput = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : standardInput
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // The input is written on a thread of its own and both pipes are read to the end at once
    // (standard error on a thread of its own too) before waiting, so that a child that answers
    // while it reads, or says much, never blocks on a full pipe.
    if let input {
        let writer = standardInput.fileHandleForWriting
        Thread {
            writer.write(Data(input.utf8))
            try? writer.close()
        }.start()
    }
    let errorRead = PipeReader(error.fileHandleForReading)
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errorRead.data()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus,
        standardOutput: String(decoding: outputData, as: UTF8.self),
        standardError: String(decoding: errorData, as: UTF8.self)
    )
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeReader: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var read = Data()

    init(_ handle: FileHandle) {
        Thread { [self] in
            read = handle.readDataToEndOfFile()
            finished.signal()
        }.start()
    }

    /// Everything the pipe held, once its writer has closed it.
    func data() -> Data {
        finished.wait()
        return read
    }
}
