import Foundation
import Model
import Testing
import Workflow

@Suite struct DraftCheckerTests {
    let checker = DraftChecker(policy: DraftPolicy(protectedNames: ["Kian Doyle"]))
    let friendly = SentimentScore(compound: 0.6, drivers: ["thank"])
    let signed = "Hello,\n\nThank you for getting in touch.\n\nKind regards,\nSam Reid, Communications"

    func kinds(_ text: String, sentiment: SentimentScore? = nil, personalData: [String] = [], senior: Bool = false) -> [DraftProblem.Kind] {
        checker.check(text, sentiment: sentiment ?? friendly, personalData: personalData, needsSeniorCheck: senior).map(\.kind)
    }

    @Test func aFriendlySignedDraftPasses() {
        #expect(kinds(signed).isEmpty)
    }

    @Test func anUnsignedDraftIsFlagged() {
        #expect(kinds("Hello,\n\nThank you for getting in touch.") == [.missingSignature])
    }

    @Test func aConfiguredSignatureMustAppear() {
        let strict = DraftChecker(policy: DraftPolicy(signature: "Millbrook Academy"))
        #expect(strict.check(signed, sentiment: friendly, personalData: [], needsSeniorCheck: false).map(\.kind) == [.missingSignature])
        #expect(strict.check(signed + "\nMillbrook Academy", sentiment: friendly, personalData: [], needsSeniorCheck: false).isEmpty)
    }

    @Test func negativeAndDefensiveToneAreFlagged() {
        let text = "As we have already said, this is not our fault.\n\nRegards,\nSam"
        #expect(kinds(text, sentiment: SentimentScore(compound: -0.4, drivers: ["fault"])) == [.negativeTone, .defensiveTone])
    }

    @Test func protectedNamesPersonalDataAndConfidentialMattersAreFlagged() {
        let text = "Kian Doyle's disciplinary meeting is on 07700 900123.\n\nKind regards,\nSam"
        let problems = checker.check(text, sentiment: friendly, personalData: ["07700 900123"], needsSeniorCheck: false)
        #expect(problems.map(\.kind) == [.protectedName, .personalData, .confidential])
        #expect(problems[0].evidence == ["Kian Doyle"])
        #expect(problems[2].evidence == ["disciplinary"])
    }

    @Test func aSeniorCheckIsNotedButDoesNotBlock() {
        let problems = checker.check(signed, sentiment: friendly, personalData: [], needsSeniorCheck: true)
        #expect(problems.map(\.kind) == [.needsSeniorCheck])
        #expect(problems.allSatisfy { !$0.isBlocking })
    }
}

@Suite struct DraftTemplatesTests {
    @Test func theMostSpecificTemplateWinsAndPlaceholdersAreFilled() throws {
        let templates = try DraftTemplates.load(overridesIn: nil)
        #expect(templates.templateName(for: .complaint, audience: .parent) == "complaint.parent.txt")
        #expect(templates.templateName(for: .safeguarding, audience: .parent) == "safeguarding.any.txt")
        #expect(templates.templateName(for: .complaint, audience: .press) == "any.press.txt")
        let draft = try #require(templates.draft(for: .offensive, audience: .parent, name: "Dee", signature: "Sam, Millbrook Academy",
                                                 contact: "office@school.example", school: "Millbrook Academy"))
        #expect(draft.hasPrefix("Hello Dee,"))
        #expect(draft.contains("remove the post") && draft.contains("in person"))
        #expect(draft.hasSuffix("Sam, Millbrook Academy"))
        #expect(!draft.contains("{{"))
    }

    @Test func bundledTemplatesPassTheCheckOnceFilledIn() throws {
        let templates = try DraftTemplates.load(overridesIn: nil)
        let checker = DraftChecker(policy: DraftPolicy())
        for concern in [Concern.complaint, .question, .praise, .offensive, .bullying] {
            let draft = try #require(templates.draft(for: concern, audience: .parent, name: nil, signature: "Sam Reid",
                                                     contact: "office@school.example", school: "School"))
            let problems = checker.check(draft, sentiment: SentimentScore(compound: 0.3, drivers: []), personalData: [], needsSeniorCheck: false)
            #expect(problems.isEmpty, "\(concern): \(problems)")
        }
    }

    @Test func aSchoolsOwnFileReplacesTheBundledOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Hi {{name}}, thanks!\nBest wishes,\n{{signature}}".write(to: folder.appendingPathComponent("praise.parent.txt"), atomically: true, encoding: .utf8)
        let templates = try DraftTemplates.load(overridesIn: folder)
        #expect(templates.draft(for: .praise, audience: .parent, name: "Jo", signature: "Sam", contact: "", school: "") == "Hi Jo, thanks!\nBest wishes,\nSam")
    }
}

@Suite struct CaseCalendarTests {
    @Test func eachCaseIsAnEventAtItsDueTimeWithEscapedFoldedText() {
        let due = Date(timeIntervalSince1970: 1_795_626_000)  // 25 Nov 2026 17:00 UTC
        let item = CaseSummary(
            id: CaseID(rawValue: 7), status: .new, primaryConcern: .complaint, concerns: [.complaint], owner: .communications,
            openedAt: due, clockStartedAt: due, dueAt: due, needsApproval: false, wasOverdueWhenFound: false,
            title: "Parking", snippet: "Parents park on the zig-zags; again, every day, and nobody does anything about it at all, ever",
            link: URL(string: "https://forum.example/t/1"), sourceTitle: "Forum")
        let text = CaseCalendar().render([item], schoolName: "Millbrook Academy", generatedAt: due)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(text.contains("UID:case-7@earshot\r\n"))
        #expect(text.contains("DTSTART:20261125T170000Z\r\n"))
        #expect(text.contains("zig-zags\\; again\\, every day"))
        #expect(text.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
    }

    @Test func separatorsAndLineBreaksAreEscapedEvenWithACombiningMarkAfterThem() {
        let due = Date(timeIntervalSince1970: 1_795_626_000)
        let item = CaseSummary(
            id: CaseID(rawValue: 8), status: .new, primaryConcern: .complaint, concerns: [.complaint], owner: .communications,
            openedAt: due, clockStartedAt: due, dueAt: due, needsApproval: false, wasOverdueWhenFound: false,
            title: "Parking", snippet: "a;\u{301}b,\u{301}c\\\u{301}d\r\nX-INJECTED:1\re", link: nil, sourceTitle: "Forum")
        let text = CaseCalendar().render([item], schoolName: "Millbrook Academy", generatedAt: due)
            .replacingOccurrences(of: "\r\n ", with: "")
        #expect(text.contains("a\\;\u{301}b\\,\u{301}c\\\\\u{301}d\\nX-INJECTED:1\\ne"))
        #expect(!text.contains("\r\nX-INJECTED"))
    }
}

@Suite struct CaseSpreadsheetTests {
    @Test func cellsThatASpreadsheetWouldRunAsFormulasAreDefused() {
        let due = Date(timeIntervalSince1970: 1_795_626_000)
        let hostile = CaseSummary(
            id: CaseID(rawValue: 3), status: .new, primaryConcern: .offensive, concerns: [.offensive], owner: .seniorLeadership,
            openedAt: due, clockStartedAt: due, dueAt: due, needsApproval: true, wasOverdueWhenFound: false,
            title: "=HYPERLINK(\"http://evil.example\",\"click\")", snippet: "+44 7700 900123, \"quoted\"\nnext line",
            link: URL(string: "https://forum.example/t/1"), sourceTitle: "@forum")
        let csv = CaseSpreadsheet().render([hostile], timeZone: TimeZone(identifier: "Europe/London")!)
        let row = csv.components(separatedBy: "\r\n")[1]
        #expect(row.hasPrefix("3,new,offensive,slt,,2026-11-25T17:00:00Z,"))
        #expect(row.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""))
        #expect(row.contains("\"'+44 7700 900123, \"\"quoted\"\"\nnext line\""))
        #expect(row.contains(",'@forum,"))
    }
}

@Suite struct CaseExportDirectionControlTests {
    @Test func neitherExportCarriesADirectionControlFromAPost() {
        let due = Date(timeIntervalSince1970: 1_795_626_000)
        let reversing = CaseSummary(
            id: CaseID(rawValue: 4), status: .new, primaryConcern: .complaint, concerns: [.complaint], owner: .communications,
            openedAt: due, clockStartedAt: due, dueAt: due, needsApproval: false, wasOverdueWhenFound: false,
            title: "Head\u{202E}retsam", snippet: "Isolated \u{2066}words\u{2069}", link: nil, sourceTitle: "Forum\u{202B}")
        let calendar = CaseCalendar().render([reversing], schoolName: "Millbrook Academy", generatedAt: due)
        let spreadsheet = CaseSpreadsheet().render([reversing], timeZone: TimeZone(identifier: "Europe/London")!)
        for export in [calendar.replacingOccurrences(of: "\r\n ", with: ""), spreadsheet] {
            #expect(!export.unicodeScalars.contains { DirectionControls.contains($0.value) })
            #expect(export.contains("Isolated \u{FFFD}words\u{FFFD}"))
        }
        #expect(spreadsheet.contains("Head\u{FFFD}retsam"))
    }
}
