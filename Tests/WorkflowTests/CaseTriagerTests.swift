import Foundation
import Model
import Testing
@testable import Workflow

@Suite struct CaseTriagerTests {
    let triager: CaseTriager

    init() throws {
        triager = CaseTriager(
            policy: .standard,
            calculator: DueTimeCalculator(calendar: TestClock.englandAndWales)
        )
    }

    static func assessments(_ concerns: Concern...) -> [ConcernAssessment] {
        concerns.map { ConcernAssessment(concern: $0, confidence: 0.9, evidence: [$0.rawValue]) }
    }

    struct DefaultCase: Sendable, CustomTestStringConvertible {
        var concern: Concern
        var owner: Role
        var dueAfterSeconds: TimeInterval
        var needsApproval: Bool
        var shouldAlertAtOnce: Bool

        var testDescription: String { concern.rawValue }
    }

    static let defaultCases: [DefaultCase] = [
        DefaultCase(concern: .safeguarding, owner: .designatedSafeguardingLead, dueAfterSeconds: 3600, needsApproval: true, shouldAlertAtOnce: true),
        DefaultCase(concern: .bullying, owner: .seniorLeadership, dueAfterSeconds: 86_400, needsApproval: true, shouldAlertAtOnce: true),
        DefaultCase(concern: .offensive, owner: .seniorLeadership, dueAfterSeconds: 14_400, needsApproval: true, shouldAlertAtOnce: true),
        DefaultCase(concern: .discrimination, owner: .seniorLeadership, dueAfterSeconds: 14_400, needsApproval: true, shouldAlertAtOnce: true),
        DefaultCase(concern: .defamation, owner: .seniorLeadership, dueAfterSeconds: 14_400, needsApproval: true, shouldAlertAtOnce: true),
        DefaultCase(concern: .dataProtection, owner: .seniorLeadership, dueAfterSeconds: 14_400, needsApproval: true, shouldAlertAtOnce: true),
        DefaultCase(concern: .complaint, owner: .communications, dueAfterSeconds: 86_400, needsApproval: false, shouldAlertAtOnce: false),
        DefaultCase(concern: .question, owner: .communications, dueAfterSeconds: 86_400, needsApproval: false, shouldAlertAtOnce: false),
        DefaultCase(concern: .pressEnquiry, owner: .seniorLeadership, dueAfterSeconds: 14_400, needsApproval: true, shouldAlertAtOnce: true),
        DefaultCase(concern: .praise, owner: .communications, dueAfterSeconds: 86_400, needsApproval: false, shouldAlertAtOnce: false),
    ]

    @Test("Default rule on a working-day post", arguments: defaultCases)
    func defaultRuleOnAWorkingDay(_ expected: DefaultCase) throws {
        let published = try TestClock.instant("2026-03-04T10:00:00Z")
        let discovered = published.addingTimeInterval(600)
        let triage = try #require(triager.triage(concerns: Self.assessments(expected.concern), published: published, discoveredAt: discovered))
        #expect(triage.primaryConcern == expected.concern)
        #expect(triage.concerns == [expected.concern])
        #expect(triage.owner == expected.owner)
        #expect(triage.clockStartedAt == published)
        #expect(triage.dueAt == published.addingTimeInterval(expected.dueAfterSeconds))
        #expect(triage.needsApproval == expected.needsApproval)
        #expect(triage.shouldAlertAtOnce == expected.shouldAlertAtOnce)
        #expect(!triage.wasOverdueWhenFound)
    }

    @Test func noConcernsOpenNoCase() throws {
        let now = try TestClock.instant("2026-03-04T10:00:00Z")
        #expect(triager.triage(concerns: [], published: now, discoveredAt: now) == nil)
    }

    @Test func concernsWithoutACaseOpeningRuleOpenNoCase() throws {
        var policy = RoutingPolicy.standard
        policy[.praise]?.opensCase = false
        policy[.question] = nil
        let quiet = CaseTriager(policy: policy, calculator: triager.calculator)
        let now = try TestClock.instant("2026-03-04T10:00:00Z")
        #expect(quiet.triage(concerns: Self.assessments(.praise, .question), published: now, discoveredAt: now) == nil)

        let withComplaint = try #require(quiet.triage(concerns: Self.assessments(.praise, .complaint), published: now, discoveredAt: now))
        #expect(withComplaint.concerns == [.complaint])
        #expect(withComplaint.primaryConcern == .complaint)
    }

    @Test func mostSevereConcernIsPrimaryAndEarliestDueTimeWins() throws {
        let published = try TestClock.instant("2026-03-04T10:00:00Z")
        let triage = try #require(triager.triage(
            concerns: Self.assessments(.complaint, .defamation, .complaint),
            published: published,
            discoveredAt: published
        ))
        #expect(triage.primaryConcern == .defamation)
        #expect(triage.concerns == [.defamation, .complaint])
        #expect(triage.owner == .seniorLeadership)
        #expect(triage.dueAt == published.addingTimeInterval(4 * 3600))
        #expect(triage.needsApproval)
        #expect(triage.shouldAlertAtOnce)
    }

    @Test func pressEnquiryOutranksAQuestionAndFollowsTheMediaPolicy() throws {
        let published = try TestClock.instant("2026-03-04T10:00:00Z")
        let triage = try #require(triager.triage(
            concerns: Self.assessments(.question, .pressEnquiry),
            published: published,
            discoveredAt: published
        ))
        #expect(triage.primaryConcern == .pressEnquiry)
        #expect(triage.concerns == [.pressEnquiry, .question])
        #expect(triage.owner == .seniorLeadership)
        #expect(triage.needsApproval)
        #expect(triage.shouldAlertAtOnce)
        #expect(triage.dueAt == published.addingTimeInterval(4 * 3600))
    }

    @Test func primaryConcernOwnsTheCaseWhileALesserConcernDemandsApprovalAlertAndAnEarlierDueTime() throws {
        // A school that wants praise on its own channels checked and answered within two hours:
        // the complaint still names the owner, but the praise rule brings approval, an alert and its time.
        var policy = RoutingPolicy.standard
        policy[.praise] = RoutingRule(
            owner: .moderator,
            responseTime: .asSoonAsPossible(within: .seconds(2 * 3600)),
            needsApproval: true,
            shouldAlertAtOnce: true
        )
        let strict = CaseTriager(policy: policy, calculator: triager.calculator)
        let published = try TestClock.instant("2026-03-04T10:00:00Z")
        let triage = try #require(strict.triage(
            concerns: Self.assessments(.praise, .complaint),
            published: published,
            discoveredAt: published
        ))
        #expect(triage.primaryConcern == .complaint)
        #expect(triage.owner == .communications)
        #expect(triage.needsApproval)
        #expect(triage.shouldAlertAtOnce)
        #expect(triage.dueAt == published.addingTimeInterval(2 * 3600))
    }

    @Test func bullyingOwnsTheCaseButOffensiveLanguageSetsTheDueTime() throws {
        let published = try TestClock.instant("2026-03-07T10:00:00Z")
        let triage = try #require(triager.triage(
            concerns: Self.assessments(.offensive, .bullying),
            published: published,
            discoveredAt: published
        ))
        #expect(triage.primaryConcern == .bullying)
        #expect(triage.owner == .seniorLeadership)
        #expect(triage.dueAt == published.addingTimeInterval(4 * 3600), "urgent work does not wait for Monday")
    }

    @Test func safeguardingWithPraiseGoesToTheDesignatedSafeguardingLeadWithinTheHour() throws {
        let published = try TestClock.instant("2026-03-07T22:00:00Z")
        let triage = try #require(triager.triage(
            concerns: Self.assessments(.praise, .safeguarding),
            published: published,
            discoveredAt: published.addingTimeInterval(60)
        ))
        #expect(triage.primaryConcern == .safeguarding)
        #expect(triage.owner == .designatedSafeguardingLead)
        #expect(triage.dueAt == published.addingTimeInterval(3600))
        #expect(triage.needsApproval)
        #expect(triage.shouldAlertAtOnce)
    }

    @Test func weekendComplaintIsDueAtTheNextWorkingDaysClose() throws {
        let published = try TestClock.instant("2026-05-23T10:00:00+01:00")
        let discovered = try TestClock.instant("2026-05-23T10:20:00+01:00")
        let triage = try #require(triager.triage(concerns: Self.assessments(.complaint), published: published, discoveredAt: discovered))
        #expect(triage.dueAt == (try TestClock.instant("2026-05-26T17:00:00+01:00")))
        #expect(!triage.needsApproval)
        #expect(!triage.shouldAlertAtOnce)
    }

    @Test func complaintFoundAfterItsDueTimeWasOverdueWhenFound() throws {
        let published = try TestClock.instant("2026-03-06T09:00:00Z")
        let discovered = try TestClock.instant("2026-03-09T10:00:00Z")
        let triage = try #require(triager.triage(concerns: Self.assessments(.complaint), published: published, discoveredAt: discovered))
        #expect(triage.clockStartedAt == published)
        #expect(triage.dueAt == (try TestClock.instant("2026-03-07T09:00:00Z")))
        #expect(triage.wasOverdueWhenFound)
    }

    @Test func dueExactlyAtDiscoveryIsNotOverdue() throws {
        let published = try TestClock.instant("2026-03-04T10:00:00Z")
        let discovered = published.addingTimeInterval(3600)
        let triage = try #require(triager.triage(concerns: Self.assessments(.safeguarding), published: published, discoveredAt: discovered))
        #expect(triage.dueAt == discovered)
        #expect(!triage.wasOverdueWhenFound)
    }

    struct ClockStartCase: Sendable, CustomTestStringConvertible {
        var label: String
        /// Publication relative to discovery, in seconds; nil when the source gives no date.
        var publishedOffset: TimeInterval?
        var startsAtPublication: Bool

        var testDescription: String { label }
    }

    static let clockStartCases: [ClockStartCase] = [
        ClockStartCase(label: "no publication time", publishedOffset: nil, startsAtPublication: false),
        ClockStartCase(label: "published an hour before discovery", publishedOffset: -3600, startsAtPublication: true),
        ClockStartCase(label: "published 30 days before discovery", publishedOffset: -30 * 86_400, startsAtPublication: true),
        ClockStartCase(label: "published 30 days and a second before discovery", publishedOffset: -30 * 86_400 - 1, startsAtPublication: false),
        ClockStartCase(label: "published 5 minutes after discovery", publishedOffset: 300, startsAtPublication: true),
        ClockStartCase(label: "published 5 minutes and a second after discovery", publishedOffset: 301, startsAtPublication: false),
        ClockStartCase(label: "published a day after discovery", publishedOffset: 86_400, startsAtPublication: false),
    ]

    @Test("Clock starts at a credible publication time", arguments: clockStartCases)
    func clockStartsAtACrediblePublicationTime(_ example: ClockStartCase) throws {
        let discovered = try TestClock.instant("2026-03-04T10:00:00Z")
        let published = example.publishedOffset.map { discovered.addingTimeInterval($0) }
        let triage = try #require(triager.triage(concerns: Self.assessments(.question), published: published, discoveredAt: discovered))
        let expectedStart = example.startsAtPublication ? published! : discovered
        #expect(triage.clockStartedAt == expectedStart)
        #expect(triager.clockStart(published: published, discoveredAt: discovered) == expectedStart)
    }

    @Test func movedDeadlinesApplyToTriageToo() throws {
        let moving = CaseTriager(
            policy: .standard,
            calculator: DueTimeCalculator(calendar: TestClock.englandAndWales, movesDeadlinesOffNonWorkingDays: true)
        )
        let published = try TestClock.instant("2026-12-24T15:00:00Z")
        let triage = try #require(moving.triage(concerns: Self.assessments(.question), published: published, discoveredAt: published))
        #expect(triage.dueAt == (try TestClock.instant("2026-12-29T17:00:00Z")))
    }
}
