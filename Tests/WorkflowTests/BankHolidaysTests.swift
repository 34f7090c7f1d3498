import Foundation
import Testing
@testable import Workflow

@Suite struct BankHolidaysTests {
    static let govUKSample = Data("""
    {
      "england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "Spring bank holiday", "date": "2026-05-25", "notes": "", "bunting": true},
        {"title": "Boxing Day", "date": "2026-12-28", "notes": "Substitute day", "bunting": true}
      ]},
      "scotland": {"division": "scotland", "events": [
        {"title": "2nd January", "date": "2026-01-02", "notes": "", "bunting": true},
        {"title": "St Andrew’s Day", "date": "2026-11-30", "notes": "Substitute day", "bunting": true}
      ]},
      "northern-ireland": {"division": "northern-ireland", "events": [
        {"title": "St Patrick’s Day", "date": "2026-03-17", "notes": "", "bunting": true}
      ]}
    }
    """.utf8)

    @Test func readsTheDivisionAskedFor() throws {
        let scotland = try BankHolidays(decoding: Self.govUKSample, division: .scotland)
        #expect(scotland.division == .scotland)
        #expect(scotland.holidays.map(\.title) == ["2nd January", "St Andrew’s Day"])
        #expect(scotland.contains(try CalendarDay(parsing: "2026-01-02")))
        #expect(!scotland.contains(try CalendarDay(parsing: "2026-05-25")))
        #expect(scotland.holiday(on: try CalendarDay(parsing: "2026-11-30"))?.isSubstituteDay == true)

        let englandAndWales = try BankHolidays(decoding: Self.govUKSample)
        #expect(englandAndWales.days == [try CalendarDay(parsing: "2026-05-25"), try CalendarDay(parsing: "2026-12-28")])
        #expect(englandAndWales.holidays[0].hasBunting)
        #expect(!englandAndWales.holidays[0].isSubstituteDay)
    }

    @Test func sortsHolidaysAndToleratesMissingNotesAndBunting() throws {
        let data = Data("""
        {"england-and-wales": {"events": [
          {"title": "Later", "date": "2027-01-01"},
          {"title": "Earlier", "date": "2026-01-01"}
        ]}}
        """.utf8)
        let holidays = try BankHolidays(decoding: data)
        #expect(holidays.holidays.map(\.title) == ["Earlier", "Later"])
        #expect(holidays.holidays[0].notes == "")
        #expect(holidays.coveredYears == 2026...2027)
    }

    @Test func reportsAMissingDivisionWithTheOnesAvailable() throws {
        let data = Data(#"{"scotland": {"division": "scotland", "events": []}}"#.utf8)
        do {
            _ = try BankHolidays(decoding: data, division: .northernIreland)
            Issue.record("expected an error")
        } catch {
            guard case .unknownDivision(let division, let available) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(division == .northernIreland)
            #expect(available == ["scotland"])
            #expect(error.description.contains("northern-ireland"))
        }
    }

    @Test("Rejects documents not in the gov.uk shape", arguments: [
        "not json", "[]", #"{"england-and-wales": {"events": [{"date": "2026-05-25"}]}}"#,
        #"{"england-and-wales": {"events": [{"title": "Bad", "date": "25/05/2026"}]}}"#,
        #"{"england-and-wales": {"events": [{"title": "Bad", "date": "2026-02-30"}]}}"#,
    ])
    func rejectsMalformedDocuments(_ text: String) {
        do {
            _ = try BankHolidays(decoding: Data(text.utf8))
            Issue.record("expected an error")
        } catch {
            guard case .invalidBankHolidays = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }

    @Test func bundledFileCoversEnglandAndWales2024Through2028() throws {
        let bundled = try BankHolidays.loadBundledEnglandAndWales()
        #expect(bundled == BankHolidays.bundledEnglandAndWales)
        #expect(bundled.division == .englandAndWales)
        #expect(bundled.coveredYears == 2024...2028)
        for year in 2024...2028 {
            #expect(bundled.holidays.filter { $0.day.year == year }.count == 8, "year \(year)")
        }
        #expect(Set(bundled.holidays.map(\.day)).count == bundled.holidays.count)
    }

    @Test func bundled2026MatchesTheGovUKList() throws {
        let bundled = BankHolidays.bundledEnglandAndWales
        let days = bundled.holidays.filter { $0.day.year == 2026 }.map(\.day.description)
        #expect(days == [
            "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
            "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
        ])
        #expect(bundled.holiday(on: try CalendarDay(parsing: "2026-12-28"))?.title == "Boxing Day")
        #expect(bundled.holiday(on: try CalendarDay(parsing: "2026-12-28"))?.isSubstituteDay == true)
    }

    @Test("Bundled Easter holidays follow the Gregorian computus", arguments: 2024...2028)
    func easterFollowsTheComputus(_ year: Int) throws {
        let bundled = BankHolidays.bundledEnglandAndWales
        let easterSunday = BankHolidays.easterSunday(in: year)
        #expect(bundled.holiday(on: easterSunday.adding(days: -2))?.title == "Good Friday")
        #expect(bundled.holiday(on: easterSunday.adding(days: 1))?.title == "Easter Monday")
    }

    @Test("Bundled May and August holidays are the first and last Mondays", arguments: 2024...2028)
    func mayAndAugustHolidaysAreTheRightMondays(_ year: Int) throws {
        let bundled = BankHolidays.bundledEnglandAndWales
        let mondaysInMay = try Self.mondays(year: year, month: 5)
        let mondaysInAugust = try Self.mondays(year: year, month: 8)
        #expect(bundled.holiday(on: mondaysInMay.first!)?.title == "Early May bank holiday")
        #expect(bundled.holiday(on: mondaysInMay.last!)?.title == "Spring bank holiday")
        #expect(bundled.holiday(on: mondaysInAugust.last!)?.title == "Summer bank holiday")
    }

    @Test("Bundled fixed holidays move off weekends as substitute days", arguments: 2024...2028)
    func fixedHolidaysMoveOffWeekends(_ year: Int) throws {
        let bundled = BankHolidays.bundledEnglandAndWales
        let weekend: Set<Weekday> = [.saturday, .sunday]
        #expect(bundled.holidays.allSatisfy { !weekend.contains($0.day.weekday) })

        // New Year's Day: 1 January, or the Monday after when it falls at a weekend.
        var newYear = try CalendarDay(year: year, month: 1, day: 1)
        while weekend.contains(newYear.weekday) { newYear = newYear.adding(days: 1) }
        #expect(bundled.holiday(on: newYear)?.title == "New Year’s Day")

        // Christmas Day and Boxing Day take the first two weekdays from 25 December, in order.
        var christmasWeekdays: [CalendarDay] = []
        var day = try CalendarDay(year: year, month: 12, day: 25)
        while christmasWeekdays.count < 2 {
            if !weekend.contains(day.weekday) { christmasWeekdays.append(day) }
            day = day.adding(days: 1)
        }
        #expect(bundled.holiday(on: christmasWeekdays[0])?.title == "Christmas Day")
        #expect(bundled.holiday(on: christmasWeekdays[1])?.title == "Boxing Day")
        let substitutes = bundled.holidays.filter { $0.day.year == year && $0.isSubstituteDay }
        for holiday in substitutes {
            #expect(["New Year’s Day", "Christmas Day", "Boxing Day"].contains(holiday.title))
        }
    }

    static func mondays(year: Int, month: Int) throws -> [CalendarDay] {
        var result: [CalendarDay] = []
        var day = try CalendarDay(year: year, month: month, day: 1)
        while day.month == month {
            if day.weekday == .monday { result.append(day) }
            day = day.adding(days: 1)
        }
        return result
    }
}

@Suite struct RegularBankHolidaysTests {
    @Test(arguments: 2024...2028)
    func theRegularPatternGivesTheDatesGovUKPublished(year: Int) {
        let published = BankHolidays.bundledEnglandAndWales.holidays.filter { $0.day.year == year }.map(\.day)
        #expect(BankHolidays.regularEnglandAndWales(in: year).map(\.day) == published)
    }

    @Test(arguments: [(2024, "2024-03-31"), (2029, "2029-04-01"), (2038, "2038-04-25"), (2285, "2285-03-22"), (2000, "2000-04-23")])
    func easterSundayFollowsTheGregorianComputus(year: Int, expected: String) throws {
        #expect(BankHolidays.easterSunday(in: year) == (try CalendarDay(parsing: expected)))
    }

    @Test func christmasAtAWeekendMovesBothHolidaysToTheNextFreeWeekdays() throws {
        // 2032: Christmas on a Saturday; 2033: on a Sunday; 2037: Boxing Day on a Saturday.
        let days = { (year: Int) in BankHolidays.regularEnglandAndWales(in: year).suffix(2).map(\.day.description) }
        #expect(days(2032) == ["2032-12-27", "2032-12-28"])
        #expect(days(2033) == ["2033-12-26", "2033-12-27"])
        #expect(days(2037) == ["2037-12-25", "2037-12-28"])
        #expect(BankHolidays.regularEnglandAndWales(in: 2033).first?.day == (try CalendarDay(parsing: "2033-01-03")))
    }

    @Test func pastThePublishedListTheRegularHolidaysAreExpected() throws {
        let extended = BankHolidays.bundledEnglandAndWales.withRegularEnglandAndWalesHolidaysAfterTheList()
        #expect(extended.coveredYears == 2024...BankHolidays.lastExpectedYear)
        let christmas2029 = try #require(extended.holiday(on: try CalendarDay(parsing: "2029-12-25")))
        #expect(christmas2029.notes == "Expected")
        #expect(extended.holidays.filter { $0.day.year == 2028 } == BankHolidays.bundledEnglandAndWales.holidays.filter { $0.day.year == 2028 })
    }

    @Test func aPostOnChristmasDay2029IsDueAfterBoxingDay() throws {
        let calculator = DueTimeCalculator(calendar: .englandAndWales)
        let received = try #require(ISO8601DateFormatter().date(from: "2029-12-25T10:00:00Z"))
        #expect(calculator.dueTime(for: .policyDay, receivedAt: received) == ISO8601DateFormatter().date(from: "2029-12-27T17:00:00Z"))
    }
}
