import Foundation
import Storage
import TestSupport
import Testing

/// The `earshot` executable on a PostgreSQL store (`[storage] url`, the password in the
/// environment) gives what it gives on an SQLite file: the same scan, cases and digest.
@Suite(.serialized) struct PostgresStoreCommandTests {
    /// The samples' configuration in `folder`, on the SQLite file there or on the PostgreSQL
    /// database `location`, with every sample source but the news alert. The alert carries a
    /// Gazette story under the Gazette's link, so which of the two is stored depends on which
    /// source's scan is written first, on either store; without it a scan always ends alike.
    func writeConfiguration(into folder: URL, store location: StoreLocation? = nil) throws -> String {
        let samples = packageRoot.appendingPathComponent("feeds/samples")
        let opml = try String(contentsOf: samples.appendingPathComponent("samples.opml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("google-alerts-millbrook.atom") }
            .joined(separator: "\n")
            .replacingOccurrences(of: "xmlUrl=\"", with: "xmlUrl=\"\(samples.absoluteString)")
        try opml.write(to: folder.appendingPathComponent("samples.opml"), atomically: true, encoding: .utf8)
        let file = try writeSampleConfiguration(into: folder)
        var text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "\(packageRoot.path)/feeds/samples/samples.opml", with: folder.appendingPathComponent("samples.opml").path)
        if let location {
            text = text.replacingOccurrences(of: "database = \"\(folder.path)/earshot.sqlite\"", with: "url = \"\(location)\"")
        }
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// What a case list says, but for the moments of the scan: a post without a credible
    /// publication time starts its clock when it is found. Its due time follows from then, so it
    /// is left to `duesAgree(_:_:)`.
    func caseFacts(_ result: CommandResult) throws -> [String] {
        let cases = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        return cases.map { item in
            let started = item["clockStarted"] as? String == item["opened"] as? String ? "when found" : "\(item["clockStarted"] ?? "")"
            return (["concern", "concerns", "owner", "status", "needsApproval", "overdueWhenFound", "title"].map { "\(item[$0] ?? "")" }
                + [started]).joined(separator: " ")
        }.sorted()
    }

    /// Whether two case lists of the same posts give each case the due time of its clock: a due
    /// time moves with its clock on a working day (the allowance later) and not at all on a
    /// non-working day (the next working day's close), so two scans some seconds apart, on the
    /// same day, give due times at most that far apart.
    func duesAgree(_ first: CommandResult, _ second: CommandResult) throws -> Bool {
        let dates = ISO8601DateFormatter()
        func clocksAndDues(_ result: CommandResult) throws -> [String: [(clock: Date, due: Date)]] {
            let cases = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
            var byCase: [String: [(clock: Date, due: Date)]] = [:]
            for item in cases {
                let clock = try #require((item["clockStarted"] as? String).flatMap(dates.date(from:)))
                let due = try #require((item["due"] as? String).flatMap(dates.date(from:)))
                byCase["\(item["title"] ?? "") \(item["concern"] ?? "")", default: []].append((clock, due))
            }
            return byCase.mapValues { $0.sorted { $0.due < $1.due } }
        }
        let (one, other) = (try clocksAndDues(first), try clocksAndDues(second))
        return one.count == other.count && one.allSatisfy { key, times in
            guard let others = other[key], others.count == times.count else { return false }
            return zip(times, others).allSatisfy { mine, theirs in
                abs(mine.due.timeIntervalSince(theirs.due)) <= abs(mine.clock.timeIntervalSince(theirs.clock)) + 1
            }
        }
    }

    /// The digest's figures, but for the detection delay, which counts from the moment of each scan.
    func digestFigures(_ result: CommandResult) throws -> NSDictionary {
        let path = try #require(result.standardOutput.split(separator: "\n").first { $0.hasSuffix(".json") }?.dropFirst(6))
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: String(path))))
            as? [String: Any])
        return figures.filter { $0.key != "detectionDelay" } as NSDictionary
    }

    @Test(.enabled(if: TestPostgres.shouldRunTests, TestPostgres.missingServer))
    func theSamplesGiveTheSameScanCasesAndDigestOnPostgreSQLAsOnSQLite() async throws {
        try await withTemporaryStore(.postgres) { location in
            try await withTemporaryDirectory { sqliteFolder in
                try await withTemporaryDirectory { postgresFolder in
                    let onSQLite = try writeConfiguration(into: sqliteFolder)
                    let onPostgres = try writeConfiguration(into: postgresFolder, store: location)
                    let sqliteScan = try await runProduct("earshot", ["scan", "--config", onSQLite])
                    let postgresScan = try await runProduct("earshot", ["scan", "--config", onPostgres])
                    #expect(postgresScan.status == 0, "\(postgresScan.standardError)")
                    #expect(postgresScan.standardOutput == sqliteScan.standardOutput)
                    #expect(!postgresScan.standardError.contains(PostgresServer.password(from: ProcessInfo.processInfo.environment) ?? "?"))

                    let sqliteCases = try await runProduct("earshot", ["cases", "list", "--json", "--config", onSQLite])
                    let postgresCases = try await runProduct("earshot", ["cases", "list", "--json", "--config", onPostgres])
                    #expect(try caseFacts(postgresCases) == caseFacts(sqliteCases))
                    #expect(try duesAgree(postgresCases, sqliteCases))

                    let sqliteDigest = try await runProduct("earshot", ["digest", "--config", onSQLite])
                    let postgresDigest = try await runProduct("earshot", ["digest", "--config", onPostgres])
                    #expect(postgresDigest.status == 0, "\(postgresDigest.standardError)")
                    let figures = (sqlite: try digestFigures(sqliteDigest), postgres: try digestFigures(postgresDigest))
                    #expect(figures.postgres == figures.sqlite)

                    let doctor = try await runProduct("earshot", ["doctor", "--config", onPostgres])
                    #expect(doctor.standardOutput.contains("ok: database \(location) answers, and its tables are up to date"),
                            "\(doctor.standardOutput)")
                    #expect(doctor.standardOutput.contains("ok: feeds: every fetched source is healthy"))
                }
            }
        }
    }

    @Test(.enabled(if: TestPostgres.shouldRunTests, TestPostgres.missingServer))
    func twoScansAtOnceNeitherWaitsAndTogetherScanEachSourceOnce() async throws {
        try await withTemporaryStore(.postgres) { location in
            try await withTemporaryDirectory { sqliteFolder in
                try await withTemporaryDirectory { postgresFolder in
                    let onSQLite = try writeConfiguration(into: sqliteFolder)
                    let onPostgres = try writeConfiguration(into: postgresFolder, store: location)
                    #expect(try await runProduct("earshot", ["scan", "--config", onSQLite]).status == 0)
                    // Neither waits for the other: scans of a PostgreSQL store take no run lock.
                    let scans = try await withThrowingTaskGroup(of: CommandResult.self) { group in
                        for _ in 0..<2 {
                            group.addTask { try await runProduct("earshot", ["scan", "--config", onPostgres]) }
                        }
                        return try await group.reduce(into: [CommandResult]()) { $0.append($1) }
                    }
                    #expect(scans.allSatisfy { $0.status == 0 }, "\(scans.map(\.standardError))")
                    let scanned = scans.compactMap { $0.standardOutput.firstMatch(of: /scanned (\d+) of/).flatMap { Int($0.1) } }
                    #expect(scanned.count == 2 && scanned.reduce(0, +) == 18, "each source scanned by one of them: \(scanned)")
                    let sqliteCases = try await runProduct("earshot", ["cases", "list", "--json", "--config", onSQLite])
                    let postgresCases = try await runProduct("earshot", ["cases", "list", "--json", "--config", onPostgres])
                    #expect(try caseFacts(postgresCases) == caseFacts(sqliteCases))
                    #expect(try duesAgree(postgresCases, sqliteCases))
                }
            }
        }
    }

    @Test func aPasswordInTheAddressIsRefusedWithoutBeingRepeated() async throws {
        try await withTemporaryDirectory { folder in
            let file = try writeSampleConfiguration(into: folder)
            let text = try String(contentsOf: file, encoding: .utf8)
                .replacingOccurrences(of: "database = \"\(folder.path)/earshot.sqlite\"", with: "url = \"postgresql://earshot:hunter2@db.example/earshot\"")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let result = try await runProduct("earshot", ["scan", "--config", file.path])
            #expect(result.status == 78)
            #expect(result.standardError.contains("EARSHOT_DATABASE_PASSWORD"))
            #expect(!result.standardError.contains("hunter2"))
        }
    }
}
