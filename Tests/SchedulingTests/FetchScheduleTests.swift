import Foundation
import Model
import Scheduling
import Testing

@Suite struct FetchScheduleTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let schedule = FetchSchedule(defaultInterval: .seconds(1800), jitterFraction: 0.1, maximumBackoff: .seconds(86_400))

    func source(_ name: String, interval: Duration? = nil) -> Source {
        Source(url: URL(string: "https://\(name).example/feed")!, kind: .feed, title: name, refreshInterval: interval)
    }

    func state(_ source: Source, nextDue: Date?) -> FetchState {
        FetchState(sourceID: source.id, currentURL: source.url, lastFetchedAt: nextDue.map { $0.addingTimeInterval(-1800) }, nextDueAt: nextDue)
    }

    @Test func neverFetchedSourcesAreDueFirstThenTheMostOverdue() {
        let fresh = source("fresh"), late = source("late"), later = source("later"), waiting = source("waiting")
        let states = [
            late.id: state(late, nextDue: now.addingTimeInterval(-60)),
            later.id: state(later, nextDue: now.addingTimeInterval(-600)),
            waiting.id: state(waiting, nextDue: now.addingTimeInterval(60)),
        ]
        let due = schedule.dueSources([waiting, late, fresh, later], states: states, now: now)
        #expect(due.map(\.title) == ["fresh", "later", "late"])
    }

    @Test func includingAllFetchesSourcesThatAreNotDue() {
        let waiting = source("waiting")
        let states = [waiting.id: state(waiting, nextDue: now.addingTimeInterval(600))]
        #expect(schedule.dueSources([waiting], states: states, now: now).isEmpty)
        #expect(schedule.dueSources([waiting], states: states, now: now, includesAll: true) == [waiting])
    }

    @Test func nextDueIsTheIntervalWithinTheJitterBand() {
        for name in ["a", "b", "c", "d", "e"] {
            let next = schedule.nextDue(for: source(name), fetchedAt: now, consecutiveErrors: 0)
            let wait = next.timeIntervalSince(now)
            #expect(wait >= 1620 && wait <= 1980)
        }
    }

    @Test func aSourceIntervalOverridesTheDefault() {
        let next = schedule.nextDue(for: source("slow", interval: .seconds(6 * 3600)), fetchedAt: now, consecutiveErrors: 0)
        #expect(next.timeIntervalSince(now) >= 6 * 3600 * 0.9)
    }

    @Test func failuresBackOffExponentiallyUpToTheCap() {
        let feed = source("failing")
        let waits = (1...8).map { schedule.nextDue(for: feed, fetchedAt: now, consecutiveErrors: $0).timeIntervalSince(now) }
        #expect(zip(waits, waits.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(waits[0] >= 3600 * 0.9)
        #expect(waits.last! <= 86_400 + 180)
    }

    @Test func jitterIsRepeatableForTheSameSourceAndSpreadsDifferentSources() {
        let feed = source("stable")
        #expect(schedule.nextDue(for: feed, fetchedAt: now, consecutiveErrors: 0)
                == schedule.nextDue(for: feed, fetchedAt: now, consecutiveErrors: 0))
        // Twenty sources fetched together come due at different moments, all within ±10 % of the interval.
        let waits = (0..<20).map { schedule.nextDue(for: source("feed-\($0)"), fetchedAt: now, consecutiveErrors: 0).timeIntervalSince(now) }
        #expect(Set(waits).count >= 15)
        #expect(waits.allSatisfy { $0 >= 1620 && $0 <= 1980 })
    }

    @Test func anIntervalOfZeroIsAMinuteAndAFailingSourceStillBacksOff() {
        let eager = FetchSchedule(defaultInterval: .zero, jitterFraction: 0, maximumBackoff: .seconds(86_400))
        let feed = source("eager")
        #expect(eager.nextDue(for: feed, fetchedAt: now, consecutiveErrors: 0).timeIntervalSince(now) == 60)
        #expect(eager.nextDue(for: feed, fetchedAt: now, consecutiveErrors: 5).timeIntervalSince(now) == 60 * 32)
    }

    @Test func jitterIsBoundedAndNeverSchedulesBeforeTheFetch() {
        let wild = FetchSchedule(defaultInterval: .seconds(1800), jitterFraction: 2)
        #expect(wild.jitterFraction == 0.5)
        let waits = (0..<50).map { wild.nextDue(for: source("feed-\($0)"), fetchedAt: now, consecutiveErrors: 0).timeIntervalSince(now) }
        #expect(waits.allSatisfy { $0 >= 900 && $0 <= 2700 })
    }

    @Test func jitterNeverBreaksTheServersMinimumOrTheBackoffCap() {
        let hints = ScheduleHints(minimumInterval: .seconds(3600))
        for index in 0..<50 {
            let feed = source("feed-\(index)")
            #expect(schedule.nextDue(for: feed, fetchedAt: now, consecutiveErrors: 0, hints: hints).timeIntervalSince(now) >= 3600)
            #expect(schedule.nextDue(for: feed, fetchedAt: now, consecutiveErrors: 12).timeIntervalSince(now) <= 86_400)
        }
    }

    @Test func aFailingSourceIsRetriedOutsideTheHoursItAsksToBeSkipped() {
        // 10:00 UTC; every hour but 03:00 is skipped, so the retry waits for 03:00 the next day.
        let fetchedAt = Date(timeIntervalSince1970: 1_795_600_800)
        let hints = ScheduleHints(skipHours: Set(0..<24).subtracting([3]))
        let next = schedule.nextDue(for: source("night-owl"), fetchedAt: fetchedAt, consecutiveErrors: 1, hints: hints)
        #expect(next == Date(timeIntervalSince1970: 1_795_564_800 + 86_400 + 3 * 3600))
    }

    @Test func aDueTimeFurtherAheadThanAnyWaitNowPossibleIsDue() {
        let shortened = source("shortened", interval: .seconds(1800))
        let waiting = source("waiting", interval: .seconds(1800))
        let states = [
            // Set while the source was read monthly, or before the clock was set back by weeks.
            shortened.id: state(shortened, nextDue: now.addingTimeInterval(20 * 86_400)),
            waiting.id: state(waiting, nextDue: now.addingTimeInterval(1700)),
        ]
        #expect(schedule.dueSources([shortened, waiting], states: states, now: now) == [shortened])
    }
}

@Suite struct ScheduleHintTests {
    /// Wednesday 25 November 2026, 10:00 UTC.
    let now = Date(timeIntervalSince1970: 1_795_600_800)
    let schedule = FetchSchedule(defaultInterval: .seconds(1800), jitterFraction: 0)
    let feed = Source(url: URL(string: "https://news.example/feed")!, kind: .feed, title: "News")

    @Test func aTimeToLiveLongerThanTheIntervalIsHonoured() {
        let next = schedule.nextDue(for: feed, fetchedAt: now, consecutiveErrors: 0, hints: ScheduleHints(minimumInterval: .seconds(7200)))
        #expect(next.timeIntervalSince(now) == 7200)
    }

    @Test func aServerAskingForAYearIsStillReadDaily() {
        let next = schedule.nextDue(for: feed, fetchedAt: now, consecutiveErrors: 0,
                                    hints: ScheduleHints(minimumInterval: .seconds(365 * 86_400)))
        #expect(next.timeIntervalSince(now) == 86_400)
    }

    @Test func aTimeToLiveShorterThanTheIntervalChangesNothing() {
        let next = schedule.nextDue(for: feed, fetchedAt: now, consecutiveErrors: 0, hints: ScheduleHints(minimumInterval: .seconds(60)))
        #expect(next.timeIntervalSince(now) == 1800)
    }

    @Test func skippedHoursMoveTheNextFetchToTheFirstAllowedHour() {
        let hints = ScheduleHints(skipHours: [10, 11, 12])
        let next = schedule.nextDue(for: feed, fetchedAt: now, consecutiveErrors: 0, hints: hints)
        #expect(next == Date(timeIntervalSince1970: 1_795_600_800 + 3 * 3600))
    }

    @Test func skippedDaysMoveTheNextFetchToTheNextAllowedDay() {
        // Wednesday is day 4; Thursday 5.
        let hints = ScheduleHints(skipDays: [4, 5])
        let next = schedule.nextDue(for: feed, fetchedAt: now, consecutiveErrors: 0, hints: hints)
        #expect(next == Date(timeIntervalSince1970: 1_795_564_800 + 2 * 86_400))
    }

    @Test func aSourceThatHasNotChangedForAWeekIsCheckedLessOftenButAtLeastDaily() {
        let quietDay = schedule.nextDue(for: feed, fetchedAt: now, consecutiveErrors: 0, lastChangedAt: now.addingTimeInterval(-2 * 86_400))
        #expect(quietDay.timeIntervalSince(now) == 3600)
        let quietWeek = schedule.nextDue(for: feed, fetchedAt: now, consecutiveErrors: 0, lastChangedAt: now.addingTimeInterval(-8 * 86_400))
        #expect(quietWeek.timeIntervalSince(now) == 7200)
        let slow = Source(url: feed.url, kind: .feed, title: "Slow", refreshInterval: .seconds(12 * 3600))
        let capped = schedule.nextDue(for: slow, fetchedAt: now, consecutiveErrors: 0, lastChangedAt: now.addingTimeInterval(-30 * 86_400))
        #expect(capped.timeIntervalSince(now) == 86_400)
    }

    @Test func hintsMergeToTheLongerIntervalAndEverySkippedTime() {
        let merged = ScheduleHints(minimumInterval: .seconds(60), skipHours: [1]).merged(with: ScheduleHints(minimumInterval: .seconds(600), skipDays: [1]))
        #expect(merged == ScheduleHints(minimumInterval: .seconds(600), skipHours: [1], skipDays: [1]))
    }
}
