import Model
import Testing
@testable import Workflow

@Suite struct RoutingPolicyTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var concern: Concern
        var owner: Role
        var responseTime: ResponseTime
        var needsApproval: Bool
        var shouldAlertAtOnce: Bool

        var testDescription: String { concern.rawValue }
    }

    static let oneHour = ResponseTime.asSoonAsPossible(within: .seconds(3600))
    static let fourHours = ResponseTime.asSoonAsPossible(within: .seconds(4 * 3600))

    static let expectations: [Expectation] = [
        Expectation(concern: .safeguarding, owner: .designatedSafeguardingLead, responseTime: oneHour, needsApproval: true, shouldAlertAtOnce: true),
        Expectation(concern: .bullying, owner: .seniorLeadership, responseTime: .policyDay, needsApproval: true, shouldAlertAtOnce: true),
        Expectation(concern: .offensive, owner: .seniorLeadership, responseTime: fourHours, needsApproval: true, shouldAlertAtOnce: true),
        Expectation(concern: .discrimination, owner: .seniorLeadership, responseTime: fourHours, needsApproval: true, shouldAlertAtOnce: true),
        Expectation(concern: .defamation, owner: .seniorLeadership, responseTime: fourHours, needsApproval: true, shouldAlertAtOnce: true),
        Expectation(concern: .dataProtection, owner: .seniorLeadership, responseTime: fourHours, needsApproval: true, shouldAlertAtOnce: true),
        Expectation(concern: .complaint, owner: .communications, responseTime: .policyDay, needsApproval: false, shouldAlertAtOnce: false),
        Expectation(concern: .question, owner: .communications, responseTime: .policyDay, needsApproval: false, shouldAlertAtOnce: false),
        Expectation(concern: .pressEnquiry, owner: .seniorLeadership, responseTime: fourHours, needsApproval: true, shouldAlertAtOnce: true),
        Expectation(concern: .praise, owner: .communications, responseTime: .policyDay, needsApproval: false, shouldAlertAtOnce: false),
    ]

    @Test func standardPolicyHasARuleForEveryConcern() {
        #expect(Set(RoutingPolicy.standard.rules.keys) == Set(Concern.allCases))
    }

    @Test("Standard rule follows the policy", arguments: expectations)
    func standardRuleFollowsThePolicy(_ expectation: Expectation) throws {
        let rule = try #require(RoutingPolicy.standard[expectation.concern])
        #expect(rule.owner == expectation.owner)
        #expect(rule.responseTime == expectation.responseTime)
        #expect(rule.needsApproval == expectation.needsApproval)
        #expect(rule.shouldAlertAtOnce == expectation.shouldAlertAtOnce)
        #expect(rule.opensCase)
        #expect(!rule.guidance.isEmpty)
    }

    @Test func offensiveGuidanceAsksAParentToRemoveThePostAndMeet() throws {
        let guidance = try #require(RoutingPolicy.standard[.offensive]).guidance
        #expect(guidance.contains("remove"))
        #expect(guidance.contains("in person"))
    }

    @Test func pressGuidanceFollowsTheMediaPolicy() throws {
        #expect(try #require(RoutingPolicy.standard[.pressEnquiry]).guidance.contains("media policy"))
    }

    @Test func aSchoolCanReplaceOrRemoveARule() {
        var policy = RoutingPolicy.standard
        policy[.praise] = nil
        policy[.offensive]?.owner = .moderator
        #expect(policy[.praise] == nil)
        #expect(policy[.offensive]?.owner == .moderator)
        #expect(RoutingPolicy.standard[.offensive]?.owner == .seniorLeadership)
    }

    @Test func responseTimesDescribeThemselves() {
        #expect(Self.oneHour.description == "as soon as possible (within 1 hour)")
        #expect(Self.fourHours.description == "as soon as possible (within 4 hours)")
        #expect(ResponseTime.asSoonAsPossible(within: .seconds(900)).description == "as soon as possible (within 15 minutes)")
        #expect(ResponseTime.policyDay.description.contains("next working day"))
        #expect(ResponseTime.hours(48).description.hasSuffix("plus 24 hours"))
        #expect(!ResponseTime.hours(4).description.contains("plus"))
    }
}
