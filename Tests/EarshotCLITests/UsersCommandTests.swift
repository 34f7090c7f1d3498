import Foundation
import Storage
import TestSupport
import Testing

/// `earshot users add` and `users list`, run as the built executable with the password on standard input.
@Suite struct UsersCommandTests {
    /// The demo configuration, pointed at a fresh database inside `folder`.
    func configuration(in folder: URL) throws -> URL {
        var text = try String(contentsOf: packageRoot.appendingPathComponent("earshot.toml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "database = \"data/earshot.sqlite\"", with: "database = \"\(folder.path)/earshot.sqlite\"")
        text = text.replacingOccurrences(of: "reports = \"reports\"", with: "reports = \"\(folder.path)/reports\"")
        text = text.replacingOccurrences(of: "opml = [\"feeds/samples/samples.opml\"]",
                                         with: "opml = [\"\(packageRoot.path)/feeds/samples/samples.opml\"]")
        let file = folder.appendingPathComponent("earshot.toml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    func run(_ arguments: [String], input: String) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = productsDirectory.appendingPathComponent("earshot")
        process.arguments = arguments
        let standardInput = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = standardInput
        process.standardOutput = output
        process.standardError = error
        try process.run()
        standardInput.fileHandleForWriting.write(Data(input.utf8))
        try standardInput.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }

    @Test func addsAnAccountWithASlowSaltedHashAndListsIt() async throws {
        try await withTemporaryDirectory { folder in
            let config = try configuration(in: folder).path
            let added = try run(["users", "add", "head", "--role", "slt", "--password-stdin", "--config", config],
                                input: "a long enough passphrase\n")
            #expect(added.status == 0, "\(added.error)")
            let account = try #require(try Store(path: folder.appendingPathComponent("earshot.sqlite").path).user(named: "head"))
            #expect(account.role == "slt")
            let parts = account.passwordHash.split(separator: "$")
            #expect(parts.count == 4 && parts[0] == "pbkdf2-sha256" && Int(parts[1])! >= 100_000)
            #expect(!account.passwordHash.contains("passphrase"))
            let listed = try run(["users", "list", "--config", config], input: "")
            #expect(listed.output.contains("head\tslt"))
        }
    }

    @Test(arguments: [["users", "add", "x", "--role", "janitor"], ["users", "add", "x", "--role", "slt"]])
    func refusesAnUnknownRoleOrAShortPassword(arguments: [String]) async throws {
        try await withTemporaryDirectory { folder in
            let config = try configuration(in: folder).path
            let result = try run(arguments + ["--config", config], input: "short\n")
            #expect(result.status != 0)
            #expect(try Store(path: folder.appendingPathComponent("earshot.sqlite").path).user(named: "x") == nil)
        }
    }
}
