/// What the school's social media policy cares about in a post.
///
/// The raw values are the names used in configuration files and JSON output.
public enum Concern: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    /// A child may be at risk: self-harm, abuse, inappropriate contact by an adult.
    case safeguarding
    /// A child is being bullied.
    case bullying
    /// Offensive or abusive language, including obfuscated profanity.
    case offensive
    /// Discrimination on a protected characteristic.
    case discrimination
    /// An allegation of wrongdoing against a named or identifiable person.
    case defamation
    /// Personal data or confidential information shared in public.
    case dataProtection
    /// A journalist or press enquiry, handled under the media policy.
    case pressEnquiry
    /// A complaint about the school.
    case complaint
    /// A question that needs an answer.
    case question
    /// Praise for the school.
    case praise

    /// Order of seriousness, most serious first; used to pick a case's primary concern.
    public var severityRank: Int {
        Concern.allCases.firstIndex(of: self)!
    }

    public static func < (lhs: Concern, rhs: Concern) -> Bool {
        lhs.severityRank < rhs.severityRank
    }

    /// Words for people, as used in listings and digests.
    public var displayName: String {
        switch self {
        case .safeguarding: "Safeguarding"
        case .bullying: "Bullying"
        case .offensive: "Offensive or abusive"
        case .discrimination: "Discrimination"
        case .defamation: "Defamation"
        case .dataProtection: "Data protection"
        case .complaint: "Complaint"
        case .question: "Question"
        case .pressEnquiry: "Press enquiry"
        case .praise: "Praise"
        }
    }
}
