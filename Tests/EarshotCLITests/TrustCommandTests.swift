import Foundation
import TestSupport
import Testing

/// A trust's five schools and the trust itself in one installation, through the `earshot`
/// executable on the bundled trust samples.
@Suite(.serialized) struct TrustCommandTests {
    func json(_ result: CommandResult) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    }

    func figures(_ file: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    }

    @Test func eachSchoolHearsItsOwnPostsAndTheTrustSetsThemSideBySide() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try writeTrustConfiguration(into: folder).path
            let scan = try await runProduct("earshot", ["scan", "--backfill", "--config", configuration])
            #expect(scan.status == 0, "\(scan.standardError)")
            let digest = try await runProduct("earshot", ["digest", "--config", configuration])
            #expect(digest.status == 0, "\(digest.standardError)")

            // Each school's digest is in its own folder and counts its own posts only: its own news
            // (two items each) and the parents' board posts that name it.
            let reports = folder.appendingPathComponent("reports")
            func schoolFigures(_ school: String) async throws -> [String: Any] {
                let files = try FileManager.default.contentsOfDirectory(atPath: reports.appendingPathComponent(school).path)
                let name = try #require(files.first { $0.hasSuffix(".json") })
                return try figures(reports.appendingPathComponent(school).appendingPathComponent(name))
            }
            #expect(try await schoolFigures("ashcombe-vale")["mentions"] as? Int == 3)
            #expect(try await schoolFigures("st-aidans")["mentions"] as? Int == 3)
            #expect(try await schoolFigures("kingsmead")["mentions"] as? Int == 4, "its own two, the science fair and the bus")
            #expect(try await schoolFigures("oakfield")["mentions"] as? Int == 4, "its own two, the man at the gates and the bus")

            // Millbrook hears in the trust what it hears alone on the same samples.
            let alone = folder.appendingPathComponent("alone")
            try FileManager.default.createDirectory(at: alone, withIntermediateDirectories: true)
            let single = try writeSampleConfiguration(into: alone).path
            #expect(try await runProduct("earshot", ["scan", "--backfill", "--config", single]).status == 0)
            #expect(try await runProduct("earshot", ["digest", "--config", single]).status == 0)
            let aloneFile = try #require(try FileManager.default.contentsOfDirectory(atPath: alone.appendingPathComponent("reports").path)
                .first { $0.hasSuffix(".json") })
            let aloneFigures = try figures(alone.appendingPathComponent("reports").appendingPathComponent(aloneFile))
            #expect(try await schoolFigures("millbrook")["mentions"] as? Int == aloneFigures["mentions"] as? Int)

            // The trust's digest sets all five schools side by side, then the trust itself.
            let trustFiles = try FileManager.default.contentsOfDirectory(atPath: reports.appendingPathComponent("trust").path)
            let trust = try figures(reports.appendingPathComponent("trust").appendingPathComponent(try #require(trustFiles.first { $0.hasSuffix(".json") })))
            let rows = try #require(trust["schools"] as? [[String: Any]])
            #expect(rows.compactMap { $0["school"] as? String } == ["millbrook", "ashcombe-vale", "st-aidans", "kingsmead", "oakfield", "trust"])
            for row in rows where row["school"] as? String != "trust" {
                let school = try #require(row["school"] as? String)
                #expect(row["mentions"] as? Int == (try await schoolFigures(school))["mentions"] as? Int, "\(school)")
            }
        }
    }

    @Test func aPostNamingTwoSchoolsOpensACaseAtEachAndCasesAreListedBySchool() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try writeTrustConfiguration(into: folder).path
            #expect(try await runProduct("earshot", ["scan", "--backfill", "--config", configuration]).status == 0)
            func cases(_ school: String) async throws -> [[String: Any]] {
                let result = try await runProduct("earshot", ["cases", "list", "--json", "--school", school, "--config", configuration])
                #expect(result.status == 0, "\(result.standardError)")
                return try #require(try json(result) as? [[String: Any]])
            }
            let kingsmead = try await cases("kingsmead")
            let oakfield = try await cases("oakfield")
            #expect(kingsmead.allSatisfy { $0["school"] as? String == "kingsmead" })
            #expect(oakfield.allSatisfy { $0["school"] as? String == "oakfield" })
            // The full bus: one post, a complaint at each school.
            let bus = { (list: [[String: Any]]) in list.filter { ($0["title"] as? String ?? "").contains("42 bus") } }
            #expect(bus(kingsmead).count == 1 && bus(oakfield).count == 1)
            #expect(bus(kingsmead).first?["id"] as? Int != bus(oakfield).first?["id"] as? Int)
            // The man at the gates is Oakfield's safeguarding case, for its DSL.
            #expect(oakfield.contains { $0["concern"] as? String == "safeguarding" && $0["owner"] as? String == "dsl" })
            // The term dates consultation is the trust's own.
            #expect(try await cases("trust").contains { ($0["title"] as? String ?? "").contains("Term dates") })
            // Nothing from a school's own news opens a case.
            let ownNewsCases = (try await cases("ashcombe-vale").count, try await cases("st-aidans").count)
            #expect(ownNewsCases.0 == 1 && ownNewsCases.1 == 1)
            let unknown = try await runProduct("earshot", ["cases", "list", "--school", "nowhere", "--config", configuration])
            #expect(unknown.status != 0 && unknown.standardError.contains("not a school of this configuration"))
        }
    }
}
