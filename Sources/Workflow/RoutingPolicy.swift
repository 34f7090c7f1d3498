import Model

/// The routing rule for each concern: the school's social media policy as data.
///
/// `standard` encodes the policy as written; a school's configuration can replace any rule.
/// A concern with no rule is ignored by triage.
public struct RoutingPolicy: Hashable, Sendable {
    /// The rule for each concern.
    public var rules: [Concern: RoutingRule]

    /// A policy from explicit rules.
    public init(rules: [Concern: RoutingRule]) {
        self.rules = rules
    }

    /// The rule for a concern, if the policy has one.
    public subscript(concern: Concern) -> RoutingRule? {
        get { rules[concern] }
        set { rules[concern] = newValue }
    }

    /// The concerns of a post that open a case, each once with its rule, most serious first: the
    /// first names the case's owner.
    public func caseOpeningRules(for concerns: some Sequence<Concern>) -> [(concern: Concern, rule: RoutingRule)] {
        Set(concerns).sorted().compactMap { concern in
            guard let rule = rules[concern], rule.opensCase else { return nil }
            return (concern, rule)
        }
    }

    /// The concerns whose cases the owner is told of at once: the urgent ones.
    public var concernsAlertedAtOnce: Set<Concern> {
        Set(rules.filter { $0.value.opensCase && $0.value.shouldAlertAtOnce }.keys)
    }

    /// The role that owns a case for a post raising `concerns`, or nil when they open no case.
    public func owner(for concerns: some Sequence<Concern>) -> Role? {
        caseOpeningRules(for: concerns).first?.rule.owner
    }

    /// The policy as written.
    ///
    /// - Safeguarding: "a safeguarding worry goes to the designated safeguarding lead at once":
    ///   the DSL, within one hour, alerted at once, reply approved.
    /// - Offensive, defamation, discrimination, data protection: unacceptable content "is reported
    ///   to a senior member of staff as soon as possible": the senior leadership team, within four
    ///   hours, alerted at once, reply approved. A parent's offensive post gets a request to remove it
    ///   and an invitation to discuss in person.
    /// - Bullying: the senior leadership team on the policy day, alerted at once, reply approved.
    /// - Press enquiry: "follows the media policy before anyone replies": the senior leadership team,
    ///   within four hours, alerted at once, reply approved.
    /// - Complaint, question: "comments, queries and complaints get a response within 24 hours":
    ///   communications, on the policy day, no approval, in the digest.
    /// - Praise: a thank-you from communications on the policy day, no approval, in the digest.
    public static let standard = RoutingPolicy(rules: [
        .safeguarding: RoutingRule(
            owner: .designatedSafeguardingLead,
            responseTime: .asSoonAsPossible(within: .seconds(3600)),
            needsApproval: true,
            shouldAlertAtOnce: true,
            guidance: "Pass to the designated safeguarding lead at once. Do not reply in public."
        ),
        .bullying: RoutingRule(
            owner: .seniorLeadership,
            responseTime: .policyDay,
            needsApproval: true,
            shouldAlertAtOnce: true,
            guidance: "Tell a senior leader now; reply only once they have checked the response."
        ),
        .offensive: unacceptableContent(
            guidance: "Report to a senior member of staff as soon as possible. If a parent posted it, "
                + "ask them to remove it and invite them to discuss the matter in person."
        ),
        .discrimination: unacceptableContent(
            guidance: "Report to a senior member of staff as soon as possible; discriminatory content is unacceptable."
        ),
        .defamation: unacceptableContent(
            guidance: "Report to a senior member of staff as soon as possible; do not repeat the allegation in a reply."
        ),
        .dataProtection: unacceptableContent(
            guidance: "Report to a senior member of staff as soon as possible: personal or confidential "
                + "information has been shared in public."
        ),
        .complaint: RoutingRule(
            owner: .communications,
            responseTime: .policyDay,
            needsApproval: false,
            shouldAlertAtOnce: false,
            guidance: "Acknowledge within 24 hours (next working day if received at a weekend) "
                + "and point to the complaints procedure."
        ),
        .question: RoutingRule(
            owner: .communications,
            responseTime: .policyDay,
            needsApproval: false,
            shouldAlertAtOnce: false,
            guidance: "Answer, or at least acknowledge, within 24 hours (next working day if received at a weekend)."
        ),
        .pressEnquiry: RoutingRule(
            owner: .seniorLeadership,
            responseTime: .asSoonAsPossible(within: .seconds(4 * 3600)),
            needsApproval: true,
            shouldAlertAtOnce: true,
            guidance: "Follow the media policy before anyone replies."
        ),
        .praise: RoutingRule(
            owner: .communications,
            responseTime: .policyDay,
            needsApproval: false,
            shouldAlertAtOnce: false,
            guidance: "Say thank you within 24 hours (next working day if received at a weekend)."
        ),
    ])

    /// Unacceptable content: the senior leadership team within four hours, alerted at once, reply approved.
    private static func unacceptableContent(guidance: String) -> RoutingRule {
        RoutingRule(
            owner: .seniorLeadership,
            responseTime: .asSoonAsPossible(within: .seconds(4 * 3600)),
            needsApproval: true,
            shouldAlertAtOnce: true,
            guidance: guidance
        )
    }
}
