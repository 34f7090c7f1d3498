import Model
import Sentiment
import Workflow

/// The check a reply's draft must pass: its tone and any personal data, read with Earshot's own
/// lexicon, judged against the school's draft policy, and whether the case needs a senior
/// leader's check.
public struct DraftReview: Sendable {
    let judge: PassageJudge
    let checker: DraftChecker

    /// A review reading drafts with `lexicon` and judging them by `policy`.
    public init(lexicon: Lexicon, policy: DraftPolicy) {
        judge = PassageJudge(lexicon: lexicon)
        checker = DraftChecker(policy: policy)
    }

    /// What is wrong with `text` as a reply on the case `summary`, blocking problems and notes alike.
    public func problems(in text: String, for summary: CaseSummary) -> [DraftProblem] {
        let reading = judge.draftReading(of: text)
        return checker.check(text, sentiment: reading.sentiment, personalData: reading.personalData,
                             needsSeniorCheck: summary.needsApproval)
    }
}
