import Foundation
import TestSupport
import Testing

/// `earshot score` and `earshot match` as a pipeline sees them: lines in, JSON lines out.
@Suite struct JudgementCommandTests {
    /// Runs the built `earshot` with `input` on standard input.
    private func run(_ arguments: [String], input: String) async throws -> (status: Int32, lines: [[String: Any]], error: String) {
        let result = try await runProduct("earshot", arguments, in: packageRoot, input: input)
        let lines = try result.standardOutput.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        return (result.status, lines, result.standardError)
    }

    private var configuration: String { packageRoot.appendingPathComponent("earshot.toml").path }

    @Test func scoreWritesOneLineOfFiguresPerLineIn() async throws {
        let result = try await run(["score"], input: "The teachers are brilliant!\nMy son is being bullied and I want to make a formal complaint\n\n")
        #expect(result.status == 0, "\(result.error)")
        try #require(result.lines.count == 3)
        #expect(result.lines[0]["label"] as? String == "positive")
        #expect((result.lines[0]["compound"] as? Double ?? 0) > 0.5)
        #expect(result.lines[0]["drivers"] as? [String] == ["brilliant"])
        // Most serious first; what the model adds between them is the classifier's to test.
        let concerns = try #require(result.lines[1]["concerns"] as? [[String: Any]])
        #expect(concerns.first?["concern"] as? String == "bullying")
        let complaint = try #require(concerns.first { $0["concern"] as? String == "complaint" })
        #expect((complaint["evidence"] as? [String])?.contains("formal complaint") == true)
        #expect((complaint["confidence"] as? Double ?? 0) >= 0.9)
        #expect(result.lines[2]["label"] as? String == "neutral")
    }

    @Test func scoreGivesEachSentenceItsOwnScoreWhenAsked() async throws {
        let result = try await run(["score", "--sentences"], input: "The teachers are brilliant. But the food is awful!\n")
        #expect(result.status == 0, "\(result.error)")
        let sentences = try #require(result.lines.first?["sentences"] as? [[String: Any]])
        #expect(sentences.compactMap { $0["text"] as? String } == ["The teachers are brilliant.", "But the food is awful!"])
        #expect(sentences.compactMap { $0["label"] as? String } == ["positive", "negative"])
        #expect(sentences.compactMap { $0["drivers"] as? [String] } == [["brilliant"], ["awful"]])
        #expect(try await run(["score"], input: "Fine.\n").lines.first?["sentences"] == nil)
    }

    @Test func scoreReadsJSONLinesAndEchoesTheirID() async throws {
        let input = #"{"id": "post-1", "text": "Absolutely disgusting behaviour"}"# + "\n" + #"{"text": "ok \u263A", "id": 2}"# + "\n"
        let result = try await run(["score"], input: input)
        try #require(result.lines.count == 2)
        #expect(result.lines.map { $0["id"] as? String } == ["post-1", nil])
        #expect(result.lines[1]["id"] as? Int == 2)
        #expect(result.lines[0]["label"] as? String == "negative")
    }

    @Test(arguments: [
        (#"{"text": "unterminated"#, "malformed JSON"),
        (#"{"title": "no text"}"#, "no \"text\" field"),
        (#"{"text": 42}"#, "not a string"),
        (#"{"text": "x"} trailing"#, "unexpected text"),
    ])
    func malformedLineGivesAnErrorObjectAndTheRestGoesOn(line: String, problem: String) async throws {
        let result = try await run(["score", "--format", "json"], input: line + "\n" + #"{"text": "lovely"}"# + "\n")
        #expect(result.status == 0)
        try #require(result.lines.count == 2)
        let message = try #require(result.lines[0]["error"] as? String)
        #expect(message.hasPrefix("line 1: "))
        #expect(message.contains(problem))
        #expect(result.lines[1]["label"] as? String == "positive")
    }

    @Test func matchReportsSpanRuleTermAndContext() async throws {
        let input = "Well done Millbrook Academy!\nPupils at Millbrook did well\nTraffic on Millbrook Road\n"
        let result = try await run(["match", "--config", configuration], input: input)
        #expect(result.status == 0, "\(result.error)")
        try #require(result.lines.count == 3)
        let first = try #require((result.lines[0]["mentions"] as? [[String: Any]])?.first)
        #expect(first["start"] as? Int == 10)
        #expect(first["end"] as? Int == 27)
        #expect(first["text"] as? String == "Millbrook Academy")
        #expect(first["rule"] as? String == "name")
        let alias = try #require((result.lines[1]["mentions"] as? [[String: Any]])?.first)
        #expect(alias["rule"] as? String == "aliasWithContext")
        #expect(alias["context"] as? String == "pupils")
        #expect((result.lines[2]["mentions"] as? [Any])?.isEmpty == true)
        #expect(result.lines[2]["otherMeanings"] as? [String] == ["Millbrook Road"])
        #expect(result.lines[0]["otherMeanings"] == nil)
    }
}
