import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The commands that keep an unattended installation healthy: the run lock, doctor and purge.
@Suite(.serialized) struct OperationsCommandTests {
    @Test func aScanFindingTheLockHeldExitsCleanlyWithAMessage() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try writeSampleConfiguration(into: folder)
            let lockPath = folder.appendingPathComponent("earshot.sqlite.lock").path
            let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o600)
            #expect(descriptor >= 0)
            defer { close(descriptor) }
            #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
            let blocked = try await runProduct("earshot", ["scan", "--config", configuration.path])
            #expect(blocked.status == 69)
            #expect(blocked.standardError.contains("another earshot run"))
            flock(descriptor, LOCK_UN)
            let free = try await runProduct("earshot", ["scan", "--config", configuration.path])
            #expect(free.status == 0, "\(free.standardError)")
        }
    }

    @Test func doctorReportsEachCheckAndFailsOnAnUnreachableMailServer() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try writeSampleConfiguration(into: folder)
            #expect(try await runProduct("earshot", ["scan", "--config", configuration.path]).status == 0)
            let healthy = try await runProduct("earshot", ["doctor", "--config", configuration.path])
            #expect(healthy.status == 0, "\(healthy.standardOutput)")
            #expect(healthy.standardOutput.contains("passes SQLite's integrity check"))
            #expect(healthy.standardOutput.contains("warning: email: no [email] section"))

            let text = try String(contentsOf: configuration, encoding: .utf8)
                + "\n[email]\nhost = \"127.0.0.1\"\nport = 9\nsecurity = \"none\"\nfrom = \"earshot@school.example\"\n"
            try text.write(to: configuration, atomically: true, encoding: .utf8)
            let unreachable = try await runProduct("earshot", ["doctor", "--config", configuration.path])
            #expect(unreachable.status != 0)
            #expect(unreachable.standardOutput.contains("failure: email: 127.0.0.1:9 does not accept us"))
        }
    }

    @Test func loginDetailsInTheConfigurationAreRefused() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try writeSampleConfiguration(into: folder)
            let text = try String(contentsOf: configuration, encoding: .utf8)
                + "\n[email]\nhost = \"smtp.school.example\"\nfrom = \"earshot@school.example\"\npassword = \"hunter2\"\n"
            try text.write(to: configuration, atomically: true, encoding: .utf8)
            let result = try await runProduct("earshot", ["doctor", "--config", configuration.path])
            #expect(result.status != 0)
            #expect(result.standardOutput.contains("EARSHOT_SMTP_PASSWORD"))
        }
    }

    @Test func purgeShowsWhatWouldGoAndKeepsRecentPosts() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try writeSampleConfiguration(into: folder)
            #expect(try await runProduct("earshot", ["scan", "--config", configuration.path]).status == 0)
            let preview = try await runProduct("earshot", ["purge", "--dry-run", "--config", configuration.path])
            #expect(preview.status == 0)
            #expect(preview.standardOutput.contains("would remove the text of 0 items"))
            // The shortest retention there is ("0d" is refused: it would purge every post at once).
            let text = try String(contentsOf: configuration, encoding: .utf8) + "\n[retention]\npost_text = \"1s\"\n"
            try text.write(to: configuration, atomically: true, encoding: .utf8)
            try await Task.sleep(for: .seconds(2))
            let everything = try await runProduct("earshot", ["purge", "--config", configuration.path])
            #expect(everything.status == 0)
            #expect(!everything.standardOutput.contains("text of 0 items"))
            let cases = try await runProduct("earshot", ["cases", "list", "--json", "--config", configuration.path])
            #expect(cases.status == 0)
            #expect(cases.standardOutput.contains("\"snippet\":\"\""))
        }
    }
}
