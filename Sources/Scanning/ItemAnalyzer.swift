import Foundation
import Mentions
import Model
import Sentiment
import Storage
import Workflow

/// Judges one item: does it mention the school, how does it read, what does the policy say to do.
/// Pure: the same item and profile always give the same observation.
public struct ItemAnalyzer: Sendable {
    public let mentionFinder: MentionFinder
    /// Reads each passage once for both its sentiment and its concerns.
    public let judge: PassageJudge
    public let triager: CaseTriager

    public init(mentionFinder: MentionFinder, judge: PassageJudge, triager: CaseTriager) {
        self.mentionFinder = mentionFinder
        self.judge = judge
        self.triager = triager
    }

    /// What `item`, found in `source` at `discoveredAt`, turned out to be.
    ///
    /// An item that names the school is a finding, triaged under the policy. An item of a source
    /// marked as about the school (the school's own news, say) is a finding even when it does not
    /// name the school, but opens no case on that ground alone: it is the school's own voice or
    /// context, counted in the digest rather than answered. An item of the school's own voice (a
    /// source marked as the school's own or on its domain, a link to its domain, or one of its
    /// handles as the author) is a finding too, and never opens a case.
    public func observe(_ item: Item, in source: Source, discoveredAt: Date) -> SourceScanRecord.Observation {
        let text = item.fullText
        let mentions = mentionFinder.mentions(in: text, sourceIsAboutSchool: source.isAboutSchool)
        let isSchoolsOwnVoice = isSchoolsOwnVoice(item, in: source)
        guard !mentions.isEmpty || source.isAboutSchool || isSchoolsOwnVoice else { return .init(item: item) }
        let judgement = judge.judgement(of: text)
        let concerns = judgement.concerns
        let finding = Finding(
            item: item, source: source.id, discoveredAt: discoveredAt,
            mentions: mentions, sentiment: judgement.sentiment, concerns: concerns
        )
        guard !mentions.isEmpty, !isSchoolsOwnVoice else { return .init(item: item, finding: finding) }
        var triage = triager.triage(concerns: concerns, published: item.published, discoveredAt: discoveredAt)
        triage?.threadKey = ConversationKeys.thread(of: item, in: source)
        triage?.authorKey = ConversationKeys.author(of: item, in: source)
        return .init(item: item, finding: finding, triage: triage)
    }

    /// Whether the school itself is speaking in an item.
    func isSchoolsOwnVoice(_ item: Item, in source: Source) -> Bool {
        source.isSchoolsOwn || mentionFinder.isSchoolsOwn(source.url)
            || item.link.map(mentionFinder.isSchoolsOwn) == true
            || item.author.map { mentionFinder.isSchoolsOwn(author: $0) } == true
    }
}
