import Foundation
import Settings
import Storage
import TestSupport
import Testing

/// `[storage]`: an SQLite file by default, or a PostgreSQL server named by `url` whose password
/// comes from the environment, and how long a scanner's claim on a source lasts.
@Suite struct StorageSettingsTests {
    static let school = """
    [school]
    names = ["Millbrook Academy"]

    [roles]
    dsl = ["dsl@school.example"]
    slt = ["head@school.example"]
    communications = ["office@school.example"]

    [feeds]
    opml = ["feeds.opml"]

    """

    func load(_ storage: String, environment: [String: String] = [:]) async throws -> Result<EarshotConfiguration, ConfigurationError> {
        try await withTemporaryDirectory { folder in
            try (Self.school + storage).write(to: folder.appendingPathComponent("earshot.toml"), atomically: true, encoding: .utf8)
            try "<opml version=\"2.0\"><body/></opml>".write(to: folder.appendingPathComponent("feeds.opml"), atomically: true, encoding: .utf8)
            do {
                return .success(try ConfigurationLoader().load(from: folder.appendingPathComponent("earshot.toml"), environment: environment))
            } catch let error as ConfigurationError {
                return .failure(error)
            }
        }
    }

    @Test func withoutAURLTheStoreIsTheSQLiteFileAndClaimsLastTwoMinutes() async throws {
        let configuration = try await load("[storage]\ndatabase = \"data/school.sqlite\"\n").get()
        guard case .sqlite(let path) = configuration.store else { Issue.record("not SQLite: \(configuration.store)"); return }
        #expect(path == configuration.databaseFile.path && path.hasSuffix("/data/school.sqlite"))
        #expect(!configuration.store.allowsSeveralScanners)
        #expect(configuration.sourceLease == .seconds(120))
    }

    @Test func aURLNamesAPostgreSQLServerWithThePasswordFromTheEnvironment() async throws {
        let configuration = try await load("""
            [storage]
            url = "postgresql://earshot@db.school.example/earshot?sslmode=require"
            lease = "5m"
            """, environment: ["EARSHOT_DATABASE_PASSWORD": "s3cret"]).get()
        guard case .postgres(let server) = configuration.store else { Issue.record("not PostgreSQL: \(configuration.store)"); return }
        #expect(server.endpoint == .network(host: "db.school.example", port: 5432))
        #expect(server.encryption == .require && server.password == "s3cret")
        #expect(configuration.store.allowsSeveralScanners && configuration.sourceLease == .seconds(300))
    }

    struct Mistake: Sendable, CustomTestStringConvertible {
        var storage: String
        var line: Int
        var says: String
        var testDescription: String { says }
    }

    static let mistakes: [Mistake] = [
        Mistake(storage: "[storage]\ndatabase = \"e.sqlite\"\nurl = \"postgresql://earshot@db/earshot\"\n", line: 13,
                says: "give either database (an SQLite file) or url (a PostgreSQL server), not both"),
        Mistake(storage: "[storage]\nurl = \"postgresql://earshot:hunter2@db/earshot\"\n", line: 12, says: "EARSHOT_DATABASE_PASSWORD"),
        Mistake(storage: "[storage]\nurl = \"postgresql://earshot@db/earshot?sslmode=sometimes\"\n", line: 12, says: "sslmode must be one of"),
        Mistake(storage: "[storage]\nlease = \"1s\"\n", line: 12, says: "storage.lease must be at least 3s"),
        Mistake(storage: "[storage]\npassword = \"hunter2\"\n", line: 12, says: "password"),
    ]

    @Test(arguments: mistakes) func aMistakeNamesItsLineWithoutRepeatingAPassword(_ mistake: Mistake) async throws {
        guard case .failure(let error) = try await load(mistake.storage) else {
            Issue.record("expected a configuration error")
            return
        }
        #expect(error.line == mistake.line)
        #expect(error.problem.contains(mistake.says), "\(error.problem)")
        #expect(!error.problem.contains("hunter2"))
    }
}
