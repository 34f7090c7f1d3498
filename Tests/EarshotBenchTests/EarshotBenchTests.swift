import Foundation
import TestSupport
import Testing

/// The benchmark tool: one JSON object of throughput for the judgement and for the matching.
@Suite struct EarshotBenchTests {
    func report(_ arguments: [String], input: String) async throws -> [String: Any] {
        let result = try await runProduct("earshot-bench", arguments, in: packageRoot, input: input)
        #expect(result.status == 0, "\(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    @Test func scoringReportsThroughputAndAChecksum() async throws {
        let report = try await report(["score", "--rounds", "2"], input: "good\nbad\n")
        #expect(report["texts"] as? Int == 4 && report["rounds"] as? Int == 2)
        #expect(report["texts_per_cpu_second"] is Double && report["checksum"] is Double)
    }

    @Test func matchingCountsTheMentionsItFound() async throws {
        let report = try await report(["match", "--config", packageRoot.appendingPathComponent("earshot.toml").path],
                                input: "Millbrook Academy pupils\nthe Millbrook stream\n")
        #expect(report["texts"] as? Int == 2 && report["mentions"] as? Int == 1)
    }
}
