import Foundation
import Testing
@testable import Workflow

/// Keeps docs/due-times.md in step with the code: the table is rendered from the worked
/// examples by the real calculator and must match the file byte for byte.
///
/// To rewrite the file after a deliberate change of rule, run the tests once with
/// `WORKFLOW_REWRITE_DUE_TIMES=1` in the environment and review the difference.
@Suite struct DueTimesDocumentTests {
    static var documentURL: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("docs/due-times.md")
    }

    @Test func documentMatchesTheCalculator() throws {
        let rendered = try Self.render()
        if ProcessInfo.processInfo.environment["WORKFLOW_REWRITE_DUE_TIMES"] == "1" {
            try rendered.write(to: Self.documentURL, atomically: true, encoding: .utf8)
        }
        let onDisk = try String(contentsOf: Self.documentURL, encoding: .utf8)
        #expect(onDisk == rendered, "docs/due-times.md is out of date; expected:\n\(rendered)")
    }

    /// The README shows the same table; each of its rows must be a row the calculator renders.
    @Test func theReadmeTableMatchesTheCalculator() throws {
        let readme = try String(contentsOf: Self.documentURL.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md"), encoding: .utf8)
        let rows = try Self.render().split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Received") }
        #expect(rows.count == WorkedExample.all.count)
        for row in rows {
            #expect(readme.contains(row), "README.md lacks the worked example: \(row)")
        }
    }

    @Test func everyWorkedExampleAgreesWithItsExpectedDueTime() throws {
        for example in WorkedExample.all {
            let due = try example.calculator().dueTime(for: example.responseTime, receivedAt: TestClock.instant(example.received))
            #expect(due == (try TestClock.instant(example.expectedDue)), "\(example.title)")
        }
    }

    static func render() throws -> String {
        var lines = [
            "# Worked due times",
            "",
            "How `DueTimeCalculator` reads the policy: \"comments, queries and complaints get a response",
            "(at least an acknowledgement) within 24 hours, or on the next working day if received at a weekend\".",
            "Europe/London; Monday to Friday, 08:00–17:00; England and Wales bank holidays (bundled, 2024–2028; after that the regular pattern — New Year's Day, Good Friday, Easter Monday, the May and August Mondays, Christmas and Boxing Day with substitute days — is assumed until a newer gov.uk file is given).",
            "A working-day post is due 24 elapsed hours (86,400 s) later, even across a clock change; a post",
            "received on a weekend or bank holiday is due at 17:00 on the next working day; urgent concerns run",
            "on elapsed time and ignore the calendar. \"Moved\" is the optional setting",
            "`movesDeadlinesOffNonWorkingDays`. Each row is a test case (`WorkedExample.all` in the Workflow",
            "tests), and a test fails if this table and the code disagree.",
            "",
            "| Received | Response time | Setting | Due | Elapsed | Rule |",
            "|---|---|---|---|---|---|",
        ]
        for example in WorkedExample.all {
            let received = try TestClock.instant(example.received)
            let deadline = try example.calculator().deadline(for: example.responseTime, receivedAt: received)
            let cells = [
                TestClock.describe(received),
                responseTimeLabel(example.responseTime),
                settingLabel(example),
                TestClock.describe(deadline.dueAt),
                elapsedLabel(deadline.dueAt.timeIntervalSince(received)),
                deadline.rule.explanation,
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func responseTimeLabel(_ responseTime: ResponseTime) -> String {
        switch responseTime {
        case .policyDay: "policy day (24 h)"
        case .hours(let hours): "\(hours) h"
        case .asSoonAsPossible(let allowance): "urgent, within \(allowance.components.seconds / 3600) h"
        }
    }

    static func settingLabel(_ example: WorkedExample) -> String {
        switch (example.calendar, example.movesDeadlinesOffNonWorkingDays) {
        case (.everyDay, _): "every day a working day"
        case (.schoolWeek, true): "moved"
        case (.schoolWeek, false): "default"
        }
    }

    static func elapsedLabel(_ interval: TimeInterval) -> String {
        let minutes = Int(interval / 60)
        let hours = minutes / 60
        let remainder = minutes % 60
        if remainder == 0 { return "\(hours) h" }
        return "\(hours) h \(remainder < 10 ? "0" : "")\(remainder) min"
    }
}
