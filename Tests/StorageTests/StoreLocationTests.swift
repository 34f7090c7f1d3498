import Foundation
import Model
@testable import Storage
import TestSupport
import Testing

/// `[storage] url`: a PostgreSQL address without its password, which comes from the environment.
@Suite struct StoreLocationTests {
    struct Address: Sendable, CustomTestStringConvertible {
        var url: String
        var endpoint: PostgresServer.Endpoint
        var username: String
        var database: String
        var encryption: PostgresServer.Encryption
        var shown: String
        var testDescription: String { url }
    }

    static let addresses: [Address] = [
        Address(url: "postgresql://earshot@db.school.example/earshot", endpoint: .network(host: "db.school.example", port: 5432),
                username: "earshot", database: "earshot", encryption: .prefer, shown: "postgresql://earshot@db.school.example:5432/earshot"),
        Address(url: "postgres://scanner@10.0.0.7:6432/schools?sslmode=verify-full", endpoint: .network(host: "10.0.0.7", port: 6432),
                username: "scanner", database: "schools", encryption: .verifyFull,
                shown: "postgresql://scanner@10.0.0.7:6432/schools?sslmode=verify-full"),
        Address(url: "postgresql://earshot@[::1]:5433", endpoint: .network(host: "::1", port: 5433),
                username: "earshot", database: "earshot", encryption: .prefer, shown: "postgresql://earshot@[::1]:5433/earshot"),
        Address(url: "postgresql://earshot@/earshot?host=/var/run/postgresql",
                endpoint: .socket(path: "/var/run/postgresql/.s.PGSQL.5432"), username: "earshot", database: "earshot",
                encryption: .prefer, shown: "postgresql://earshot@/earshot?host=/var/run/postgresql"),
    ]

    @Test(arguments: addresses) func readsTheAddress(_ address: Address) throws {
        let server = try PostgresServer(url: address.url, password: "correct horse")
        #expect(server.endpoint == address.endpoint)
        #expect(server.username == address.username && server.database == address.database)
        #expect(server.encryption == address.encryption)
        #expect(server.description == address.shown)
        #expect(StoreLocation.postgres(server).allowsSeveralScanners)
    }

    struct Mistake: Sendable, CustomTestStringConvertible {
        var url: String
        var says: String
        var testDescription: String { url }
    }

    static let mistakes: [Mistake] = [
        Mistake(url: "postgresql://earshot:hunter2@db.example/earshot", says: "EARSHOT_DATABASE_PASSWORD"),
        Mistake(url: "mysql://earshot@db.example/earshot", says: "postgresql://user@host:port/database"),
        Mistake(url: "postgresql://db.example/earshot", says: "name the user"),
        Mistake(url: "postgresql://earshot@db.example/earshot?sslmode=allow", says: "sslmode must be one of"),
        Mistake(url: "postgresql://earshot@db.example/earshot?connect_timeout=3", says: "unknown parameter"),
    ]

    @Test(arguments: mistakes) func refusesAMistakeWithoutRepeatingTheAddress(_ mistake: Mistake) {
        let error = #expect(throws: StorageError.self) { try PostgresServer(url: mistake.url, password: nil) }
        #expect(error?.message.contains(mistake.says) == true)
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test func thePasswordComesFromTheEnvironmentAndIsNeverShown() throws {
        #expect(PostgresServer.password(from: ["EARSHOT_DATABASE_PASSWORD": "s3cret", "PGPASSWORD": "other"]) == "s3cret")
        #expect(PostgresServer.password(from: ["PGPASSWORD": "other"]) == "other")
        #expect(PostgresServer.password(from: ["EARSHOT_DATABASE_PASSWORD": ""]) == nil)
        let server = try PostgresServer(url: "postgresql://earshot@db.example/earshot", password: "s3cret")
        var dumped = ""
        dump(server, to: &dumped)
        for shown in [server.description, String(describing: StoreLocation.postgres(server)), String(reflecting: server), dumped] {
            #expect(!shown.contains("s3cret"), "\(shown)")
        }
    }

    @Test(.enabled(if: TestPostgres.shouldRunTests, TestPostgres.missingServer))
    func aStoreOnAServerThatRefusesTheLoginSaysSoWithoutThePassword() async throws {
        try await withTemporaryStore(.postgres) { location in
            guard case .postgres(var server) = location else { return }
            server.password = "not the password"
            let error = #expect(throws: StorageError.self) { try Store(location: .postgres(server)) }
            #expect(error?.sqlState == "28P01")
            #expect(error?.description.contains("not the password") == false)
        }
    }

    /// The connection is encrypted as `sslmode` says, and `verify-full` accepts only a certificate
    /// from a trusted authority, for the host.
    @Test(.enabled(if: TestPostgres.shouldRunTests, TestPostgres.missingServer))
    func theConnectionIsEncryptedAsSSLModeSays() async throws {
        let authority = try #require(TestPostgres.certificateAuthority, "scripts/start-test-postgres sets EARSHOT_TEST_POSTGRES_CA")
        try await withTemporaryStore(.postgres) { location throws in
            guard case .postgres(let server) = location else { return }
            #expect(try !isEncrypted(server, .disable))
            #expect(try isEncrypted(server, .prefer))
            #expect(try isEncrypted(server, .require))
            #expect(try isEncrypted(server, .verifyFull, trusting: authority))
            // The test server's certificate is its own, which the system does not trust.
            #expect(throws: StorageError.self) { try isEncrypted(server, .verifyFull) }
        }
    }

    /// Whether a store opened on `server` with `encryption` talks to it over TLS.
    func isEncrypted(_ server: PostgresServer, _ encryption: PostgresServer.Encryption, trusting file: String? = nil) throws -> Bool {
        var server = server
        server.encryption = encryption
        server.trustedCertificatesFile = file
        return try Store(location: .postgres(server)).connection
            .query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first?["ssl"].integer == 1
    }

    /// A server that closes the store's connection (restarted, or an administrator ending the
    /// session) costs the statement under way at most; the next one logs in again.
    @Test(.enabled(if: TestPostgres.shouldRunTests, TestPostgres.missingServer))
    func aConnectionTheServerClosedIsOpenedAgainForTheNextStatement() async throws {
        try await withTemporaryStore(.postgres) { location in
            let store = try Store(location: location)
            try store.register([Source(url: URL(string: "https://news.example/feed")!, kind: .feed, title: "News")])
            let administrator = try Store(location: location)
            // Waits (up to 5 s) until the session has ended.
            let ended = try administrator.connection.query("""
                SELECT pg_terminate_backend(pid, 5000) AS ended FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()
                """)
            #expect(ended.map { $0["ended"].integer } == [1])
            _ = try? store.fetchStates()
            #expect(try store.fetchStates().count == 1)
        }
    }

    /// The test server gives each test a database of its own, empty, and drops it afterwards.
    @Test(.enabled(if: TestPostgres.shouldRunTests, TestPostgres.missingServer))
    func eachTestGetsAnEmptyDatabaseOfItsOwnDroppedAfterwards() async throws {
        let used = try await withTemporaryStore(.postgres) { location in
            let store = try Store(location: location)
            #expect(try store.sourceRecords().isEmpty && store.counts() == (0, 0, 0, 0))
            return location
        }
        let error = #expect(throws: StorageError.self) { try Store(location: used) }
        #expect(error?.sqlState == "3D000", "the database no longer exists")
    }
}
