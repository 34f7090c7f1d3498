import Casework
import Foundation
import Model
import Sentiment
import Testing
import Workflow

/// The one draft check both front ends use.
@Suite struct DraftReviewTests {
    let review: DraftReview

    init() throws {
        review = DraftReview(lexicon: try Lexicon.bundled(),
                             policy: DraftPolicy(protectedNames: ["Kian Doherty"], signature: "The Millbrook team"))
    }

    func summary(needsApproval: Bool) -> CaseSummary {
        let now = Date(timeIntervalSince1970: 1_795_600_800)
        return CaseSummary(id: CaseID(rawValue: 1), status: .drafting, primaryConcern: .complaint, concerns: [.complaint],
                           owner: .communications, openedAt: now, clockStartedAt: now, dueAt: now.addingTimeInterval(86_400),
                           needsApproval: needsApproval, wasOverdueWhenFound: false, title: "Lunch queue", snippet: "",
                           link: nil, sourceTitle: "Forum")
    }

    @Test func aDefensiveUnsignedDraftNamingAProtectedChildIsStopped() {
        let kinds = Set(review.problems(in: "Obviously you are wrong about Kian Doherty. Call 07700 900123.",
                                        for: summary(needsApproval: false)).map(\.kind))
        #expect(kinds.isSuperset(of: [.defensiveTone, .protectedName, .personalData, .missingSignature]))
    }

    @Test func aKindSignedDraftPassesAndOnlyNotesTheSeniorCheckWhenTheCaseNeedsOne() {
        let text = "Thank you for telling us. We would welcome a chat with you about this.\nThe Millbrook team"
        #expect(review.problems(in: text, for: summary(needsApproval: false)).isEmpty)
        let problems = review.problems(in: text, for: summary(needsApproval: true))
        #expect(problems.map(\.kind) == [.needsSeniorCheck] && problems.allSatisfy { !$0.isBlocking })
    }
}
