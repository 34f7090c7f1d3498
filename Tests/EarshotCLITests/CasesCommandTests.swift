import Foundation
import TestSupport
import Testing

/// The response workflow through the `earshot` executable, on the bundled samples.
@Suite(.serialized) struct CasesCommandTests {
    /// The samples scanned with their history taken up, so that their cases are open.
    func scannedSamples(in folder: URL) async throws -> String {
        let configuration = try writeSampleConfiguration(into: folder).path
        let scan = try await runProduct("earshot", ["scan", "--backfill", "--config", configuration])
        #expect(scan.status == 0, "\(scan.standardError)")
        return configuration
    }

    func json(_ result: CommandResult) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    }

    @Test func theSamplesOpenCasesWithTheExpectedOwnersAndDueTimes() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try await scannedSamples(in: folder)
            let list = try await runProduct("earshot", ["cases", "list", "--json", "--config", configuration])
            let cases = try #require(try json(list) as? [[String: Any]])
            func owners(of concern: String) async -> Set<String> {
                Set(cases.filter { $0["concern"] as? String == concern }.compactMap { $0["owner"] as? String })
            }
            #expect(await owners(of: "safeguarding") == ["dsl"])
            #expect(await owners(of: "pressEnquiry") == ["slt"])
            #expect(await owners(of: "offensive") == ["slt"])
            #expect(await owners(of: "complaint") == ["communications"])
            #expect(await owners(of: "praise") == ["communications"])
            // Safeguarding is due within an hour of the clock starting (for a case of one post; a later
            // post joining a case brings its own clock).
            let formatter = ISO8601DateFormatter()
            for item in cases where item["concern"] as? String == "safeguarding" {
                let shown = try await runProduct("earshot", ["cases", "show", "\(item["id"] as? Int ?? 0)", "--json", "--config", configuration])
                guard let record = try json(shown) as? [String: Any], (record["posts"] as? [Any])?.count == 1 else { continue }
                let started = try #require(formatter.date(from: item["clockStarted"] as? String ?? ""))
                let due = try #require(formatter.date(from: item["due"] as? String ?? ""))
                #expect(due.timeIntervalSince(started) == 3600)
            }
            // Overdue cases stand first.
            let overdue = cases.map { $0["overdue"] as? Bool ?? false }
            #expect(overdue == overdue.sorted { $0 && !$1 })
        }
    }

    @Test func aCaseIsWorkedFromDraftToResponseAndItsAuditTrailReadsBack() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try await scannedSamples(in: folder)
            let list = try #require(try json(try await runProduct("earshot", ["cases", "list", "--json", "--config", configuration])) as? [[String: Any]])
            let complaint = try #require(list.first { $0["concern"] as? String == "offensive" })
            let number = "\(try #require(complaint["id"] as? Int))"
            func run(_ arguments: [String]) async throws -> CommandResult {
                try await runProduct("earshot", ["cases"] + arguments + ["--config", configuration])
            }

            #expect(try await run(["assign", number, "Sam Reid", "--as", "head"]).status == 0)
            let flagged = try await run(["draft", number, "--as", "sam", "--text",
                                   "As we have already said, this is not our fault. Call Kian Doherty's mum on 07700 900382."])
            #expect(flagged.status != 0)
            #expect(flagged.standardOutput.contains("sounds defensive"))
            #expect(flagged.standardOutput.contains("names a child on the protected list"))
            #expect(flagged.standardOutput.contains("not submitted for approval"))

            let refused = try await run(["approve", number, "--as", "head"])
            #expect(refused.status != 0)

            let fixed = try await run(["draft", number, "--as", "sam"])
            #expect(fixed.status == 0, "\(fixed.standardOutput)\(fixed.standardError)")
            #expect(fixed.standardOutput.contains("needs a senior leader's approval"))

            let respondTooSoon = try await run(["respond", number, "--as", "sam"])
            #expect(respondTooSoon.status != 0)
            #expect(try await run(["approve", number, "--as", "head"]).status == 0)
            #expect(try await run(["respond", number, "--as", "sam"]).status == 0)

            let shown = try #require(try json(try await run(["show", number, "--json"])) as? [String: Any])
            #expect(shown["status"] as? String == "responded")
            #expect(shown["assignee"] as? String == "Sam Reid")
            let audit = try #require(shown["audit"] as? [[String: Any]])
            #expect(audit.map { $0["action"] as? String ?? "" } == [
                "open", "assign", "startDraft", "draft", "draft", "submitForApproval", "approve", "markResponded",
            ])
            #expect(audit.map { $0["actor"] as? String ?? "" } == ["earshot", "head", "sam", "sam", "sam", "sam", "head", "sam"])
            #expect((shown["drafts"] as? [[String: Any]])?.count == 2)
        }
    }

    @Test func dismissingNeedsAReasonAndReopeningIsRecorded() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try await scannedSamples(in: folder)
            let list = try #require(try json(try await runProduct("earshot", ["cases", "list", "--json", "--config", configuration])) as? [[String: Any]])
            let number = "\(try #require(list.first?["id"] as? Int))"
            let dismissed = try await runProduct("earshot", ["cases", "dismiss", number, "--reason", "already answered by phone", "--json",
                                                       "--config", configuration])
            #expect((try json(dismissed) as? [String: Any])?["status"] as? String == "dismissed")
            let blank = try await runProduct("earshot", ["cases", "reopen", number, "--reason", " ", "--config", configuration])
            #expect(blank.status == 1 && blank.standardError.contains("reason"))
            let reopened = try await runProduct("earshot", ["cases", "reopen", number, "--reason", "the parent wrote again", "--json",
                                                      "--config", configuration])
            #expect((try json(reopened) as? [String: Any])?["status"] as? String == "reopened")
            let shown = try #require(try json(try await runProduct("earshot", ["cases", "show", number, "--json", "--config", configuration]))
                as? [String: Any])
            let audit = try #require(shown["audit"] as? [[String: Any]])
            #expect(audit.suffix(2).map { $0["action"] as? String ?? "" } == ["dismiss", "reopen"])
            #expect(audit.last?["reason"] as? String == "the parent wrote again")
            let blankDismissal = try await runProduct("earshot", ["cases", "dismiss", number, "--reason", "", "--config", configuration])
            #expect(blankDismissal.status == 1)
        }
    }

    @Test func exportsDueTimesAsACalendar() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try await scannedSamples(in: folder)
            let file = folder.appendingPathComponent("cases.ics").path
            let export = try await runProduct("earshot", ["cases", "export", "--ics", "--output", file, "--config", configuration])
            #expect(export.status == 0)
            let calendar = try String(contentsOfFile: file, encoding: .utf8)
            #expect(calendar.hasPrefix("BEGIN:VCALENDAR"))
            #expect(calendar.components(separatedBy: "BEGIN:VEVENT").count > 10)
        }
    }

    @Test(arguments: [
        ("2026-11-27T19:30:00Z", "complaint", "2026-11-28T19:30:00+00:00"),
        ("2026-11-28T10:00:00Z", "question", "2026-11-30T17:00:00+00:00"),
        ("2026-11-28T10:00:00Z", "safeguarding", "2026-11-28T11:00:00+00:00"),
        ("2026-05-25T09:00:00+01:00", "complaint", "2026-05-26T17:00:00+01:00"),
    ])
    func dueExplainsTheDueTimeOfAPost(received: String, concern: String, expected: String) async throws {
        let configuration = packageRoot.appendingPathComponent("earshot.toml").path
        let result = try await runProduct("earshot", ["due", "--received", received, "--concern", concern, "--json", "--config", configuration])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: String])
        #expect(object["due"] == expected)
        #expect(object["rule"]?.isEmpty == false)
    }
}
