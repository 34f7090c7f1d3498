import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// Owns one connection to a PostgreSQL server, through postgres-nio. Not Sendable: the ``Store``
/// uses it from one thread at a time.
///
/// The store's API is synchronous; each call here waits for postgres-nio's answer, which is
/// worked out on NIO's own event-loop threads. The waiting thread is never one of those (the
/// store is never used from an event loop), so a waiting caller cannot hold up what it waits for.
///
/// Writers take turns: every write transaction starts by taking one transaction-level advisory
/// lock, as SQLite's `BEGIN IMMEDIATE` takes its write lock. What a scan reads to decide (is this
/// post known, has its conversation a case) therefore stays true until it has written, whichever
/// scanner writes beside it. Readers never wait, and claims of sources lock only their rows.
final class PostgreSQLConnection: DatabaseConnection {
    let dialect = SQLDialect.postgres
    private var connection: PostgresNIO.PostgresConnection
    private let configuration: PostgresNIO.PostgresConnection.Configuration
    /// postgres-nio must be given a logger; it logs nothing, so no query or address ends up in a log.
    private let logger = Logger(label: "earshot.storage.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    private let server: PostgresServer
    private var isInTransaction = false
    /// Set when a statement failed because the connection went: the next one logs in again.
    private var isLost = false

    /// The advisory lock every write transaction holds: one writer at a time per database.
    static let writerLock: Int64 = 0x4561_7273_686F_7401
    /// The advisory lock a session holds while it migrates the schema.
    static let migrationLock: Int64 = 0x4561_7273_686F_7402

    /// Connects and logs in. The session waits at most 30 s for a lock and ends a transaction
    /// left idle for a minute, so that a frozen process cannot keep the writers' turn for long.
    /// A connection the server closed (a restart, an administrator) is opened again for the next
    /// statement outside a transaction, so that a long-running workspace outlives it.
    /// - Throws: ``StorageError`` when the server cannot be reached or refuses the login.
    init(server: PostgresServer) throws(StorageError) {
        self.server = server
        var configuration: PostgresNIO.PostgresConnection.Configuration
        do {
            switch server.endpoint {
            case .network(let host, let port):
                configuration = .init(host: host, port: port, username: server.username, password: server.password,
                                      database: server.database, tls: try Self.tls(for: server))
            case .socket(let path):
                configuration = .init(unixSocketPath: path, username: server.username, password: server.password,
                                      database: server.database)
            }
        } catch {
            throw StorageError(code: -1, operation: "prepare encryption for \(server)", message: "\(error)")
        }
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.additionalStartupParameters = [
            ("application_name", "earshot"),
            ("lock_timeout", "30s"),
            ("idle_in_transaction_session_timeout", "60s"),
        ]
        self.configuration = configuration
        connection = try Self.connect(configuration, to: server, logger: logger)
    }

    private static func connect(
        _ configuration: PostgresNIO.PostgresConnection.Configuration, to server: PostgresServer, logger: Logger
    ) throws(StorageError) -> PostgresNIO.PostgresConnection {
        do {
            return try PostgresNIO.PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw Self.storageError(error, operation: "connect to \(server)")
        }
    }

    deinit {
        // Nothing waits for the goodbye, whichever thread lets go last; postgres-nio's connection
        // is kept until it is closed.
        let connection = self.connection
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    private static func tls(for server: PostgresServer) throws -> PostgresNIO.PostgresConnection.Configuration.TLS {
        var settings = TLSConfiguration.makeClientConfiguration()
        switch server.encryption {
        case .disable:
            return .disable
        case .prefer, .require:
            settings.certificateVerification = .none
        case .verifyFull:
            if let file = server.trustedCertificatesFile { settings.trustRoots = .file(file) }
        }
        let context = try NIOSSLContext(configuration: settings)
        return server.encryption == .prefer ? .prefer(context) : .require(context)
    }

    func execute(script sql: String) throws(StorageError) {
        for statement in SQLDialect.statements(in: sql) {
            _ = try run(statement, [])
        }
    }

    @discardableResult
    func query(_ sql: String, _ bindings: [SQLValue]) throws(StorageError) -> [SQLRow] {
        try run(sql, bindings).rows.map(Self.row)
    }

    private func run(_ sql: String, _ bindings: [SQLValue]) throws(StorageError) -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: bindings.count)
        for value in bindings {
            switch value {
            case .null: binds.appendNull()
            case .integer(let integer): binds.append(integer)
            case .real(let real): binds.append(real)
            case .text(let text): binds.append(Self.storable(text))
            }
        }
        let query = PostgresQuery(unsafeSQL: dialect.prepared(sql), binds: binds)
        if isLost || connection.isClosed {
            guard !isInTransaction else {
                throw StorageError(code: -1, operation: "run \(sql.prefix(60))",
                                   message: "the connection to the server was lost during the transaction; none of it was stored")
            }
            let lost = connection
            lost.close().whenComplete { _ in withExtendedLifetime(lost) {} }
            connection = try Self.connect(configuration, to: server, logger: logger)
            isLost = false
        }
        do {
            return try connection.query(query, logger: logger).wait()
        } catch {
            if let error = error as? PSQLError, Self.connectionLosses.contains(error.code) { isLost = true }
            throw Self.storageError(error, operation: "run \(sql.prefix(60))")
        }
    }

    /// The errors after which the connection is gone, whatever postgres-nio has noticed yet.
    private static let connectionLosses: Set<PSQLError.Code> = [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown]

    /// PostgreSQL's text cannot hold U+0000, which a hostile feed may carry: it is kept as U+FFFD.
    private static func storable(_ text: String) -> String {
        text.contains("\u{0}") ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
    }

    /// A row as the store reads rows: whole numbers and booleans (1 or 0) as integers, floating and
    /// decimal numbers as reals, text as text. Types the store never reads (`void`) come back null.
    private static func row(_ row: PostgresRow) -> SQLRow {
        var values: [String: SQLValue] = [:]
        for cell in row {
            values[cell.columnName] = value(of: cell)
        }
        return SQLRow(values: values)
    }

    private static func value(of cell: PostgresCell) -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8:
            return (try? cell.decode(Int64.self)).map(SQLValue.integer) ?? .null
        case .bool:
            return (try? cell.decode(Bool.self)).map { .integer($0 ? 1 : 0) } ?? .null
        case .float4, .float8:
            return (try? cell.decode(Double.self)).map(SQLValue.real) ?? .null
        case .numeric:
            return (try? cell.decode(Decimal.self)).map { .real(NSDecimalNumber(decimal: $0).doubleValue) } ?? .null
        default:
            return (try? cell.decode(String.self)).map(SQLValue.text) ?? .null
        }
    }

    func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try inTransaction(takingWritersTurn: true, body)
    }

    func claimingTransaction<Result>(_ body: () throws -> Result) throws -> Result {
        try inTransaction(takingWritersTurn: false, body)
    }

    private func inTransaction<Result>(takingWritersTurn: Bool, _ body: () throws -> Result) throws -> Result {
        try execute(script: "BEGIN")
        isInTransaction = true
        defer { isInTransaction = false }
        do {
            if takingWritersTurn {
                try query("SELECT pg_advisory_xact_lock(?)", [.integer(Self.writerLock)])
            }
            let result = try body()
            // A transaction that met an error ends in a rollback even when told to commit.
            guard try run("COMMIT", []).metadata.command == "COMMIT" else {
                throw StorageError(code: -1, operation: "commit", message: "the server rolled the transaction back")
            }
            return result
        } catch {
            try? execute(script: "ROLLBACK")
            throw error
        }
    }

    /// Runs `body` holding a session-level advisory lock. Its transactions start after the lock
    /// is granted, so that they see the tables another process's migration created: a
    /// transaction that began before that migration committed would go on seeing its own view of
    /// the catalogue.
    func migrating(_ body: () throws(StorageError) -> Void) throws(StorageError) {
        try query("SELECT pg_advisory_lock(?)", [.integer(Self.migrationLock)])
        do {
            try body()
        } catch {
            _ = try? query("SELECT pg_advisory_unlock(?)", [.integer(Self.migrationLock)])
            throw error
        }
        try query("SELECT pg_advisory_unlock(?)", [.integer(Self.migrationLock)])
    }

    /// The highest version in the `schema_version` table, one row per migration applied; 0 before
    /// the first migration creates it.
    func schemaVersion() throws(StorageError) -> Int {
        guard try query("SELECT to_regclass('schema_version') IS NOT NULL AS present").first?["present"].integer == 1 else {
            return 0
        }
        return Int(try query("SELECT coalesce(max(version), 0) AS version FROM schema_version").first?["version"].integer ?? 0)
    }

    func recordSchemaVersion(_ version: Int) throws(StorageError) {
        try execute(script: "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)")
        try query("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", [.integer(Int64(version)), SQLValue(Date())])
    }

    /// None to run from a client: the server checks its own pages as it reads them.
    func integrityProblems() throws(StorageError) -> [String] {
        []
    }

    /// The one place postgres-nio's errors become ``StorageError``s: the server's message and
    /// SQLSTATE when it sent one, else what went wrong with the connection. Never the query's
    /// values or the password.
    private static func storageError(_ error: any Error, operation: String) -> StorageError {
        guard let error = error as? PSQLError else {
            return StorageError(code: -1, operation: operation, message: "\(error)")
        }
        if let info = error.serverInfo {
            // The server's detail is left out: it may quote a row's values.
            return StorageError(code: -1, operation: operation, message: info[.message] ?? "refused", sqlState: info[.sqlState])
        }
        let cause = error.underlying.map { ": \($0)" } ?? ""
        return StorageError(code: -1, operation: operation, message: "\(error.code)\(cause)")
    }
}
