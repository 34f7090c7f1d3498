/// What the store needs of a database connection. ``SQLiteConnection`` and
/// ``PostgreSQLConnection`` each provide it; the store's SQL is written once and each connection
/// runs it in its own dialect (see ``SQLDialect``).
///
/// A connection is not Sendable: the ``Store`` uses it from one thread at a time.
protocol DatabaseConnection: AnyObject {
    /// The SQL the server speaks.
    var dialect: SQLDialect { get }

    /// Runs one or more statements without parameters.
    func execute(script sql: String) throws(StorageError)

    /// Runs one statement, written with `?` placeholders, and returns its rows.
    @discardableResult
    func query(_ sql: String, _ bindings: [SQLValue]) throws(StorageError) -> [SQLRow]

    /// Runs `body` in one transaction that no other process writes beside: all of it is stored,
    /// or none of it, and what it read stays true until it ends.
    func transaction<Result>(_ body: () throws -> Result) throws -> Result

    /// Runs `body` in one transaction that may run beside other writers: it locks only the rows it
    /// selects with ``SQLDialect/claimingRows``, passing over those another transaction holds.
    func claimingTransaction<Result>(_ body: () throws -> Result) throws -> Result

    /// Runs `body`, which migrates the schema one transaction per step, while no other process
    /// migrates the same database; each of its transactions sees what an earlier migrator did.
    func migrating(_ body: () throws(StorageError) -> Void) throws(StorageError)

    /// How many of ``Schema/migrations`` the database has had.
    func schemaVersion() throws(StorageError) -> Int

    /// Notes that the database has had `version` migrations; inside the migration's transaction.
    func recordSchemaVersion(_ version: Int) throws(StorageError)

    /// The database's own consistency findings; empty when it is sound or has no check to run.
    func integrityProblems() throws(StorageError) -> [String]
}

extension DatabaseConnection {
    /// Runs one statement without parameters and returns its rows.
    @discardableResult
    func query(_ sql: String) throws(StorageError) -> [SQLRow] {
        try query(sql, [])
    }
}
