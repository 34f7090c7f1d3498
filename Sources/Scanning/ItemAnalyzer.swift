import Foundation
import Mentions
import Model
import Sentiment
import Storage
import Workflow

/// Judges one item: which schools it mentions, how it reads, what the policy says to do at each.
/// Pure: the same item and schools always give the same observation.
public struct ItemAnalyzer: Sendable {
    /// One school (or the trust) as the analyzer looks for it: its names and its case clock.
    public struct School: Sendable {
        public var id: SchoolID
        public var mentionFinder: MentionFinder
        /// Triages its findings on its own calendar.
        public var triager: CaseTriager

        public init(id: SchoolID, mentionFinder: MentionFinder, triager: CaseTriager) {
            self.id = id
            self.mentionFinder = mentionFinder
            self.triager = triager
        }
    }

    /// Every school looked for, in the order configured, the trust last.
    public let schools: [School]
    /// Reads each passage once for both its sentiment and its concerns.
    public let judge: PassageJudge

    /// An analyzer for several schools.
    public init(schools: [School], judge: PassageJudge) {
        self.schools = schools
        self.judge = judge
    }

    /// An analyzer for the school of a single-school installation.
    public init(mentionFinder: MentionFinder, judge: PassageJudge, triager: CaseTriager) {
        self.init(schools: [School(id: .sole, mentionFinder: mentionFinder, triager: triager)], judge: judge)
    }

    /// What `item`, found in `source` at `discoveredAt`, turned out to be.
    ///
    /// An item that names a school is that school's finding, triaged under the policy there; an
    /// item naming two schools is a finding of each. A source given to one school is searched for
    /// that school alone. An item of a source marked as about a school (its page on a review site,
    /// a forum thread about it) is that school's finding and triaged there even when it does not
    /// name it, unless it uses the school's words only in another sense ("Millbrook Garden
    /// Centre"): a one-star review on the school's own page is a complaint to answer, and a reply
    /// in a thread about the school may be a child at risk. An item in a school's own voice (a
    /// source marked as its own or on its domain, a link to its domain, or one of its handles as
    /// the author) is a finding too, and opens no case at any school. An ambiguous alias that no
    /// school context licenses still names the school when the passage may be about a child at
    /// risk, missing one costing far more than a false alarm, or when it raises a concern aimed
    /// at someone (a complaint, abuse, an allegation) and the alias is a word rather than initials.
    ///
    /// The marks of a source every school shares are the trust's in a trust's installation.
    public func observe(_ item: Item, in source: Source, discoveredAt: Date) -> SourceScanRecord.Observation {
        let text = item.fullText
        let markedSchool = source.school ?? (schools.count == 1 ? schools[0].id : .trust)
        let ownVoices = Set(schools.filter { isOwnVoice(of: $0, item, in: source, markedSchool: markedSchool) }.map(\.id))
        var readings: [(school: School, reading: MentionReading, isAboutIt: Bool)] = []
        for school in schools where source.school == nil || source.school == school.id {
            let sourceIsAboutIt = source.isAboutSchool && school.id == markedSchool
            let reading = school.mentionFinder.reading(of: text, sourceIsAboutSchool: sourceIsAboutIt)
            let isAboutIt = sourceIsAboutIt && reading.belongsToSourceAboutSchool
            guard !reading.mentions.isEmpty || !reading.aliasesWithoutContext.isEmpty || isAboutIt || ownVoices.contains(school.id)
            else { continue }
            readings.append((school, reading, isAboutIt))
        }
        // A bare alias is the school's only when the passage may be about a child at risk or raises
        // a concern aimed at someone, so a passage holding one is judged even when nothing else names a school.
        guard !readings.isEmpty else { return .init(item: item) }
        let judgement = judge.judgement(of: text)
        let concerns = judgement.concerns
        let named = readings.compactMap { school, reading, isAboutIt -> (school: School, mentions: [Mention], isAboutIt: Bool)? in
            let mentions = reading.mentions(judgedAs: concerns)
            guard !mentions.isEmpty || isAboutIt || ownVoices.contains(school.id) else { return nil }
            return (school, mentions, isAboutIt)
        }
        guard !named.isEmpty else { return .init(item: item) }
        let finding = Finding(
            item: item, source: source.id, discoveredAt: discoveredAt,
            mentions: named.flatMap(\.mentions), sentiment: judgement.sentiment, concerns: concerns
        )
        let findings = named.map { school, mentions, isAboutIt in
            var triage: CaseTriage?
            if !mentions.isEmpty || isAboutIt, ownVoices.isEmpty, !source.isSchoolsOwn {
                triage = school.triager.triage(concerns: concerns, published: item.published, discoveredAt: discoveredAt)
                triage?.threadKey = ConversationKeys.thread(of: item, in: source)
                triage?.authorKey = ConversationKeys.author(of: item, in: source)
            }
            return SourceScanRecord.SchoolFinding(school: school.id, mentions: mentions, triage: triage)
        }
        return .init(item: item, finding: finding, schools: findings)
    }

    /// Whether `school` itself is speaking in an item.
    func isOwnVoice(of school: School, _ item: Item, in source: Source, markedSchool: SchoolID) -> Bool {
        let finder = school.mentionFinder
        return (source.isSchoolsOwn && school.id == markedSchool) || finder.isSchoolsOwn(source.url)
            || item.link.map(finder.isSchoolsOwn) == true
            || item.author.map { finder.isSchoolsOwn(author: $0) } == true
    }
}
