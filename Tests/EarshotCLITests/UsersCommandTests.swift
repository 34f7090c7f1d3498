import Foundation
import Storage
import TestSupport
import Testing

/// `earshot users add`, `list` and `remove`, run as the built executable with the password on standard input.
@Suite struct UsersCommandTests {
    func configuration(in folder: URL) throws -> URL {
        try writeSampleConfiguration(into: folder)
    }

    func run(_ arguments: [String], input: String) async throws -> (status: Int32, output: String, error: String) {
        let result = try await runProduct("earshot", arguments, input: input)
        return (result.status, result.standardOutput, result.standardError)
    }

    @Test func addsAnAccountWithASlowSaltedHashAndListsIt() async throws {
        try await withTemporaryDirectory { folder in
            let config = try configuration(in: folder).path
            let added = try await run(["users", "add", "head", "--role", "slt", "--password-stdin", "--config", config],
                                input: "a long enough passphrase\n")
            #expect(added.status == 0, "\(added.error)")
            let account = try #require(try Store(path: folder.appendingPathComponent("earshot.sqlite").path).user(named: "head"))
            #expect(account.role == "slt")
            let parts = account.passwordHash.split(separator: "$")
            #expect(parts.count == 4 && parts[0] == "pbkdf2-sha256" && Int(parts[1])! >= 100_000)
            #expect(!account.passwordHash.contains("passphrase"))
            let listed = try await run(["users", "list", "--config", config], input: "")
            #expect(listed.output.contains("head\tslt"))
        }
    }

    @Test func resettingOrRemovingAnAccountEndsItsSessions() async throws {
        try await withTemporaryDirectory { folder in
            let config = try configuration(in: folder).path
            let path = folder.appendingPathComponent("earshot.sqlite").path
            await #expect(try run(["users", "add", "head", "--role", "slt", "--config", config], input: "a long enough passphrase\n").status == 0)
            let now = Date()
            func signIn(_ token: String) async throws {
                try Store(path: path).createSession(tokenHash: token, userName: "head", csrfToken: "c", expiresAt: now.addingTimeInterval(3600), at: now)
            }
            try await signIn("stolen")
            #expect(try Store(path: path).session(tokenHash: "stolen", at: now) != nil)
            await #expect(try run(["users", "add", "head", "--role", "slt", "--config", config], input: "a brand new passphrase\n").status == 0)
            #expect(try Store(path: path).session(tokenHash: "stolen", at: now) == nil)

            try await signIn("another")
            let removed = try await run(["users", "remove", "head", "--config", config], input: "")
            #expect(removed.status == 0 && removed.output.contains("account head removed"), "\(removed.error)")
            #expect(try Store(path: path).session(tokenHash: "another", at: now) == nil)
            #expect(try Store(path: path).user(named: "head") == nil)
            await #expect(try run(["users", "remove", "head", "--config", config], input: "").status != 0)
        }
    }

    @Test(arguments: [["users", "add", "x", "--role", "janitor"], ["users", "add", "x", "--role", "slt"]])
    func refusesAnUnknownRoleOrAShortPassword(arguments: [String]) async throws {
        try await withTemporaryDirectory { folder in
            let config = try configuration(in: folder).path
            let result = try await run(arguments + ["--config", config], input: "short\n")
            #expect(result.status != 0)
            #expect(try Store(path: folder.appendingPathComponent("earshot.sqlite").path).user(named: "x") == nil)
        }
    }
}
