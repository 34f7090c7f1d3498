// Test for Model.
import Testing
@testable import Model
@Suite struct ConcernTests { @Test func severityOrdersSafeguardingFirst() { #expect(Concern.safeguarding < Concern.praise) } }

@Suite struct PossibleSafeguardingTests {
    @Test func unsureSafeguardingIsShownAsPossible() {
        #expect(ConcernAssessment(concern: .safeguarding, confidence: 0.2, evidence: []).displayName == "Possible safeguarding")
        #expect(ConcernAssessment(concern: .safeguarding, confidence: 0.5, evidence: []).displayName == "Safeguarding")
        #expect(ConcernAssessment(concern: .complaint, confidence: 0.3, evidence: []).displayName == "Complaint")
    }
}
