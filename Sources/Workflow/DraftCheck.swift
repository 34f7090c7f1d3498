import Foundation
import Model

/// What the school asks of every reply before it goes out, for the ``DraftChecker``.
public struct DraftPolicy: Sendable, Hashable {
    /// Children's names that must never appear in a public reply (the protected-children list).
    public var protectedNames: [String]
    /// Words and phrases that mark confidential matters (a disciplinary process, a referral…).
    public var confidentialTerms: [String]
    /// Text every reply must carry to show who is posting, such as the school's name; nil to accept any sign-off.
    public var signature: String?

    /// Confidential matters a public reply should not go into.
    public static let standardConfidentialTerms = [
        "confidential", "disciplinary", "investigation", "safeguarding referral", "child protection", "social services",
        "police", "medical", "ehcp", "exclusion", "excluded", "suspended", "suspension", "personnel", "tribunal",
    ]

    public init(protectedNames: [String] = [], confidentialTerms: [String] = DraftPolicy.standardConfidentialTerms, signature: String? = nil) {
        self.protectedNames = protectedNames
        self.confidentialTerms = confidentialTerms
        self.signature = signature
    }
}

/// One thing the draft check found wrong with a reply.
public struct DraftProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The kind of problem.
    public enum Kind: String, Hashable, Sendable, Codable {
        case negativeTone
        case defensiveTone
        case protectedName
        case personalData
        case confidential
        case missingSignature
        case needsSeniorCheck
    }

    public var kind: Kind
    public var message: String
    /// The words of the draft that showed it.
    public var evidence: [String]

    public init(kind: Kind, message: String, evidence: [String] = []) {
        self.kind = kind
        self.message = message
        self.evidence = evidence
    }

    /// Whether the draft must be changed before it can be approved or sent. A senior leader's
    /// check is a step to take, not a fault in the text.
    public var isBlocking: Bool { kind != .needsSeniorCheck }

    public var description: String {
        evidence.isEmpty ? message : "\(message): \(evidence.map { "\"\($0)\"" }.joined(separator: ", "))"
    }
}

/// Checks a draft reply against the policy's expectations: professional, balanced and friendly,
/// signed, free of children's names, personal data and confidential matters, and checked by a
/// senior leader when the case is controversial.
///
/// Pure: the caller scores the draft's sentiment and finds personal data with Earshot's own
/// lexicon and rules, and passes the results in.
public struct DraftChecker: Sendable {
    public let policy: DraftPolicy

    /// Phrases that read as defensive or argumentative in a public reply.
    static let defensivePhrases = [
        "as we have already said", "as previously stated", "as we said", "you should have", "you failed to", "not our fault",
        "we did nothing wrong", "with respect", "to be clear", "clearly you", "obviously", "you are wrong", "simply untrue",
        "we refute", "how dare", "frankly", "if you had read", "we will not tolerate", "nonsense",
    ]

    /// Lines that close a letter, after which a name is expected.
    static let signOffs = ["kind regards", "best wishes", "with best wishes", "many thanks", "regards", "yours sincerely",
                           "yours faithfully", "thank you", "warm regards", "best regards"]

    public init(policy: DraftPolicy) {
        self.policy = policy
    }

    /// What is wrong with `text`, most serious first; empty when the draft is ready.
    /// - Parameters:
    ///   - sentiment: the draft's sentiment, scored by Earshot's lexicon.
    ///   - personalData: personal data found in the draft (phone numbers, addresses…), as its words.
    ///   - needsSeniorCheck: whether the case needs a senior leader's approval before a reply.
    public func check(_ text: String, sentiment: SentimentScore, personalData: [String], needsSeniorCheck: Bool) -> [DraftProblem] {
        let folded = " " + Self.fold(text) + " "
        var problems: [DraftProblem] = []
        let names = policy.protectedNames.filter { !$0.isEmpty && folded.contains(" " + Self.fold($0) + " ") }
        if !names.isEmpty {
            problems.append(DraftProblem(kind: .protectedName, message: "names a child on the protected list", evidence: names))
        }
        if !personalData.isEmpty {
            problems.append(DraftProblem(kind: .personalData, message: "contains personal data", evidence: personalData))
        }
        let confidential = policy.confidentialTerms.filter { folded.contains(" " + Self.fold($0) + " ") }
        if !confidential.isEmpty {
            problems.append(DraftProblem(kind: .confidential, message: "mentions confidential matters", evidence: confidential))
        }
        if sentiment.compound <= -0.05 {
            problems.append(DraftProblem(kind: .negativeTone, message: String(format: "reads as negative (%+.2f); aim for friendly and balanced",
                                                                              sentiment.compound), evidence: sentiment.drivers))
        }
        let defensive = Self.defensivePhrases.filter { folded.contains(" " + $0 + " ") }
        if !defensive.isEmpty {
            problems.append(DraftProblem(kind: .defensiveTone, message: "sounds defensive", evidence: defensive))
        }
        if !isSigned(text) {
            let wanted = policy.signature.map { " (\"\($0)\")" } ?? ""
            problems.append(DraftProblem(kind: .missingSignature, message: "is not signed by who is posting\(wanted)"))
        }
        if needsSeniorCheck {
            problems.append(DraftProblem(kind: .needsSeniorCheck, message: "needs a senior leader's approval before it is posted"))
        }
        return problems
    }

    /// Signed: carries the configured signature, or ends with a sign-off followed by a name.
    func isSigned(_ text: String) -> Bool {
        if let signature = policy.signature, !signature.isEmpty {
            return Self.fold(text).contains(Self.fold(signature))
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard lines.count >= 2 else { return false }
        let closing = Self.fold(lines[lines.count - 2]).trimmingCharacters(in: CharacterSet(charactersIn: ", "))
        return Self.signOffs.contains(closing)
    }

    /// Lower case, punctuation to spaces, runs of spaces collapsed: for whole-word matching.
    static func fold(_ text: String) -> String {
        let lowered = text.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        let spaced = String(lowered.map { $0.isLetter || $0.isNumber ? $0 : " " })
        return spaced.split(separator: " ").joined(separator: " ")
    }
}
