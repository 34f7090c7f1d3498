import Settings
import Foundation
import Model
import Storage
import TestSupport
import Testing
import Workflow
@testable import Workspace

/// The same case work from the command line and from the workspace leaves the same record: both
/// go through `Casework`.
@Suite struct FrontEndAgreementTests {
    static let reply = "Thank you for telling us. We would welcome a chat with you about this.\nThe communications team, Millbrook Academy"

    /// The samples scanned into `folder` by `earshot scan --backfill` (their cases opened), with the configuration's path.
    func scannedSamples(in folder: URL) async throws -> String {
        let configuration = try writeSampleConfiguration(into: folder).path
        #expect(try await runProduct("earshot", ["scan", "--backfill", "--config", configuration]).status == 0)
        return configuration
    }

    /// The first new case that needs a senior leader's approval.
    func caseNeedingApproval(in store: Store) throws -> CaseSummary {
        try #require(try store.openCases().filter { $0.needsApproval && $0.status == .new && !$0.touchesSafeguarding }
            .min { $0.id.rawValue < $1.id.rawValue })
    }

    /// What staff did to a case, without the times: its status, the actions and actors after the
    /// scan opened it, and the drafts' texts.
    func outcome(of caseID: CaseID, in store: Store) throws -> [String] {
        let record = try #require(try store.caseRecord(caseID))
        return [record.summary.status.rawValue] + record.audit.filter { $0.actor != Store.systemActor }.map { "\($0.action) by \($0.actor)" }
            + record.drafts.map(\.text)
    }

    @Test func draftingAndApprovingLeaveTheSameRecordFromEitherFrontEnd() async throws {
        try await withTemporaryDirectory { folder in
            let commandLine = folder.appendingPathComponent("cli"), web = folder.appendingPathComponent("web")
            try FileManager.default.createDirectory(at: commandLine, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: web, withIntermediateDirectories: true)

            let cliConfiguration = try await scannedSamples(in: commandLine)
            let cliStore = try Store(path: commandLine.appendingPathComponent("earshot.sqlite").path)
            let cliCase = try caseNeedingApproval(in: cliStore)
            let number = "\(cliCase.id.rawValue)"
            // A draft that fails the check first, then the one that passes, then the approval.
            #expect(try await runProduct("earshot", ["cases", "draft", number, "--as", "communications-user", "--text", "Obviously you are wrong.",
                                               "--config", cliConfiguration]).status != 0)
            #expect(try await runProduct("earshot", ["cases", "draft", number, "--as", "communications-user", "--text", Self.reply,
                                               "--config", cliConfiguration]).status == 0)
            #expect(try await runProduct("earshot", ["cases", "approve", number, "--as", "slt-user", "--config", cliConfiguration]).status == 0)

            let webConfiguration = try ConfigurationLoader().load(from: URL(fileURLWithPath: try await scannedSamples(in: web)))
            let webStore = try Store(path: webConfiguration.databaseFile.path)
            // The same post's case (scans number cases in the order sources answer).
            let webCase = try #require(try webStore.openCases().first { $0.title == cliCase.title && $0.link == cliCase.link })
            #expect(webCase.status == .new && webCase.needsApproval)
            let hasher = PasswordHasher(iterations: 1_000)
            for (name, role) in [("communications-user", "communications"), ("slt-user", "slt")] {
                try webStore.saveUser(.init(name: name, role: role, passwordHash: hasher.hash(WorkspaceFixture.password), createdAt: Date()))
            }
            let workspace = try Workspace(
                settings: WorkspaceSettings(store: webConfiguration.store, schoolName: webConfiguration.displayName,
                                            timeZone: webConfiguration.calendar.timeZone, draftPolicy: webConfiguration.draftPolicy,
                                            usesSecureCookies: false, urgentConcerns: webConfiguration.routing.concernsAlertedAtOnce),
                hasher: hasher)
            let path = "/cases/\(webCase.id.rawValue)"
            try await WorkspaceServer(workspace, host: "127.0.0.1", port: 0, readTimeout: .testRunPatience, requestTimeout: .testRunPatience).serve { port in
                var staff = TestBrowser(port: port)
                await staff.logIn("communications-user")
                _ = await staff.get(path)
                #expect(await staff.post(path + "/draft", ["text": "Obviously you are wrong.", "csrf_token": staff.csrfToken ?? ""]).status == 422)
                #expect(await staff.post(path + "/draft", ["text": Self.reply, "csrf_token": staff.csrfToken ?? ""]).status == 303)
                var leader = TestBrowser(port: port)
                await leader.logIn("slt-user")
                let shownDraft = try #require(await leader.get(path).text.firstMatch(of: /name="draft" value="(\d+)"/)).1
                #expect(await leader.post(path + "/approve", ["csrf_token": leader.csrfToken ?? "", "draft": String(shownDraft)]).status == 303)
            }

            let cliOutcome = try outcome(of: cliCase.id, in: cliStore)
            #expect(cliOutcome.first == "approved")
            #expect(try outcome(of: webCase.id, in: webStore) == cliOutcome)
        }
    }
}
