import Foundation
import Storage
import Testing

/// The two stores storage tests run on.
public enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// An SQLite file in a fresh folder.
    case sqlite
    /// A fresh database on the test PostgreSQL server (see ``TestPostgres``).
    case postgres

    /// The stores to run each storage test on: SQLite always, PostgreSQL when a test server is
    /// set up or required (see ``TestPostgres/shouldRunTests``).
    public static var available: [StoreKind] {
        TestPostgres.shouldRunTests ? [.sqlite, .postgres] : [.sqlite]
    }

    public var testDescription: String { self == .sqlite ? "SQLite" : "PostgreSQL" }
}

/// Runs `body` with a new, empty store of `kind`, removed when `body` returns.
/// - Throws: ``TestPostgres/Failure`` for PostgreSQL when no test server is set up.
public func withTemporaryStore<Result>(_ kind: StoreKind, _ body: (StoreLocation) async throws -> Result) async throws -> Result {
    switch kind {
    case .sqlite:
        return try await withTemporaryDirectory { folder in
            try await body(.sqlite(path: folder.appendingPathComponent("earshot.sqlite").path))
        }
    case .postgres:
        return try await TestPostgres.withDatabase { url in
            try await body(.postgres(try PostgresServer(url: url, password: PostgresServer.password(from: ProcessInfo.processInfo.environment))))
        }
    }
}

/// The PostgreSQL server tests may use: started by `scripts/start-test-postgres`, which sets
/// `EARSHOT_TEST_POSTGRES_URL` (and the password in `EARSHOT_DATABASE_PASSWORD`). Each test gets
/// a database of its own, created and dropped with PostgreSQL's own `createdb` and `dropdb`.
public enum TestPostgres {
    /// Why the tests cannot reach a server.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The server's URL, naming its maintenance database; nil when none is set up.
    public static var serverURL: String? {
        ProcessInfo.processInfo.environment["EARSHOT_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The certificate the test server presents, to trust for `sslmode=verify-full`.
    public static var certificateAuthority: String? {
        ProcessInfo.processInfo.environment["EARSHOT_TEST_POSTGRES_CA"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the environment demands that PostgreSQL variants run (`EARSHOT_REQUIRE_POSTGRES_TESTS=1`, set by scripts/test).
    public static var isRequired: Bool {
        ProcessInfo.processInfo.environment["EARSHOT_REQUIRE_POSTGRES_TESTS"] == "1"
    }

    /// Whether tests on PostgreSQL should run: a server is set up, or one is required (and the
    /// tests then fail, saying what is missing).
    public static var shouldRunTests: Bool { serverURL != nil || isRequired }

    /// Why tests on PostgreSQL do not run.
    public static let missingServer = Comment(rawValue: """
        EARSHOT_TEST_POSTGRES_URL is not set, so the PostgreSQL variants of the storage tests do not run: start a server \
        with eval "$(scripts/start-test-postgres)" (scripts/test does, and EARSHOT_REQUIRE_POSTGRES_TESTS=1 makes this a failure)
        """)

    /// Runs `body` with the URL (without a password) of a new, empty database on the test
    /// server, and drops the database afterwards, whoever is still connected to it.
    public static func withDatabase<Result>(_ body: (String) async throws -> Result) async throws -> Result {
        guard let serverURL, var components = URLComponents(string: serverURL) else {
            throw Failure(description: missingServer.rawValue)
        }
        let name = "earshot_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try run("createdb", ["--maintenance-db=\(serverURL)", name])
        defer { try? run("dropdb", ["--force", "--maintenance-db=\(serverURL)", name]) }
        components.path = "/" + name
        return try await body(components.string ?? serverURL)
    }

    /// Runs one of PostgreSQL's programs, with the password in the environment.
    private static func run(_ program: String, _ arguments: [String]) throws {
        let environment = ProcessInfo.processInfo.environment
        let folder = environment["EARSHOT_TEST_POSTGRES_BIN"] ?? "/usr/lib/postgresql/15/bin"
        var childEnvironment = environment
        childEnvironment["PGPASSWORD"] = PostgresServer.password(from: environment)
        let result = try runProgramWaiting(URL(fileURLWithPath: folder).appendingPathComponent(program), arguments,
                                           environment: childEnvironment)
        guard result.status == 0 else {
            throw Failure(description: "\(program) failed: \(result.standardError)")
        }
    }
}
