import Foundation
import Model
import Storage
import TestSupport
import Testing
import Workflow

@Suite struct RetentionTests {
    let source = Source(url: URL(string: "https://forum.example/rss")!, kind: .feed, title: "Forum")
    let now = Date(timeIntervalSince1970: 1_795_600_800)

    func observation(_ key: String, opensCase: Bool) -> SourceScanRecord.Observation {
        let item = Item(key: ItemKey(rawValue: "id:\(key)"), title: "Post \(key)", link: URL(string: "https://forum.example/\(key)"),
                        author: "Parent", text: "Call 07700 900123 about Millbrook Academy")
        let finding = Finding(item: item, source: source.id, discoveredAt: now, mentions: [], sentiment: SentimentScore(compound: -0.3, drivers: ["angry"]),
                              concerns: [ConcernAssessment(concern: .dataProtection, confidence: 0.7, evidence: ["07700 900123"])])
        let triage = CaseTriage(primaryConcern: .dataProtection, concerns: [.dataProtection], owner: .seniorLeadership, clockStartedAt: now,
                                dueAt: now.addingTimeInterval(3600), needsApproval: true, shouldAlertAtOnce: true, wasOverdueWhenFound: false)
        return .init(item: item, finding: finding, triage: opensCase ? triage : nil)
    }

    @Test(arguments: StoreKind.available) func purgingRemovesOldPostTextButKeepsIdentityCasesAndAudit(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register([source])
            let written = try store.record(SourceScanRecord(
                state: FetchState(sourceID: source.id, currentURL: source.url, lastFetchedAt: now),
                observations: [observation("a", opensCase: true), observation("b", opensCase: false)]), joining: CaseJoin.init(joining:to:))
            let later = now.addingTimeInterval(200 * 86_400)
            let cutoff = later.addingTimeInterval(-180 * 86_400)

            let preview = try store.purgePostText(discoveredBefore: cutoff, dryRun: true, at: later)
            #expect(preview.items == 2 && preview.findings == 2 && preview.findingsInCases == 1)
            #expect(try store.findings(discoveredFrom: now, to: later).first?.snippet.contains("07700") == true)

            try store.purgePostText(discoveredBefore: cutoff, dryRun: false, at: later)
            let findings = try store.findings(discoveredFrom: now, to: later)
            #expect(findings.allSatisfy { $0.title.isEmpty && $0.snippet.isEmpty && $0.concerns.allSatisfy(\.evidence.isEmpty) })
            #expect(findings.first?.concerns.first?.concern == .dataProtection)
            let caseID = try #require(written.openedCases.first)
            #expect(try store.auditTrail(for: caseID).map(\.action) == ["open"])
            // The purged items are still known, so a later scan does not store them again.
            #expect(try store.itemsToJudge([observation("a", opensCase: false).item]).isEmpty)
            #expect(try store.purgePostText(discoveredBefore: cutoff, dryRun: true, at: later).items == 0)
        }
    }
}
