import Foundation

extension BankHolidays {
    /// The last year for which regular England and Wales holidays are added past a published list.
    public static let lastExpectedYear = 2099

    /// The England and Wales bank holidays that follow the regular pattern in `year`, earliest
    /// first: New Year's Day, Good Friday, Easter Monday, the first and last Mondays of May, the
    /// last Monday of August, Christmas Day and Boxing Day, each one falling at a weekend moved to
    /// the next weekday not already taken ("Substitute day"). One-off holidays, such as a
    /// coronation, and holidays moved by proclamation cannot be foreseen.
    public static func regularEnglandAndWales(in year: Int) -> [Holiday] {
        guard (1583...9998).contains(year) else { return [] }
        let easter = easterSunday(in: year)
        var holidays = [
            Holiday(title: "Good Friday", day: easter.adding(days: -2)),
            Holiday(title: "Easter Monday", day: easter.adding(days: 1)),
            Holiday(title: "Early May bank holiday", day: monday(onOrAfter: day(year, 5, 1))),
            Holiday(title: "Spring bank holiday", day: monday(onOrAfter: day(year, 5, 25))),
            Holiday(title: "Summer bank holiday", day: monday(onOrAfter: day(year, 8, 25))),
        ]
        var taken = Set<CalendarDay>()
        for (title, date) in [("New Year’s Day", day(year, 1, 1)), ("Christmas Day", day(year, 12, 25)), ("Boxing Day", day(year, 12, 26))] {
            var observed = date
            while observed.weekday == .saturday || observed.weekday == .sunday || taken.contains(observed) {
                observed = observed.adding(days: 1)
            }
            taken.insert(observed)
            holidays.append(Holiday(title: title, day: observed, notes: observed == date ? "" : "Substitute day"))
        }
        return holidays.sorted { $0.day < $1.day }
    }

    /// These holidays and, for each year after the last one listed up to `lastExpectedYear`, the
    /// regular England and Wales holidays, noted "Expected". Past a published list every weekday
    /// would otherwise count as a working day, so a post on Christmas Day 2029 would be due on
    /// Boxing Day. A newer gov.uk file replaces the expectation with the published dates.
    public func withRegularEnglandAndWalesHolidaysAfterTheList() -> BankHolidays {
        let firstExpected = (coveredYears?.upperBound).map { $0 + 1 } ?? Self.lastExpectedYear + 1
        guard firstExpected <= Self.lastExpectedYear else { return self }
        let expected = (firstExpected...Self.lastExpectedYear).flatMap { year in
            Self.regularEnglandAndWales(in: year).map { holiday in
                Holiday(title: holiday.title, day: holiday.day, notes: holiday.notes.isEmpty ? "Expected" : "Expected; \(holiday.notes)")
            }
        }
        return BankHolidays(division: division, holidays: holidays + expected)
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus).
    static func easterSunday(in year: Int) -> CalendarDay {
        let golden = year % 19
        let century = year / 100
        let yearOfCentury = year % 100
        let leapCenturies = century / 4
        let centuryRemainder = century % 4
        let correction = (century + 8) / 25
        let moonCorrection = (century - correction + 1) / 3
        let epact = (19 * golden + century - leapCenturies - moonCorrection + 15) % 30
        let weekdayOffset = (32 + 2 * centuryRemainder + 2 * (yearOfCentury / 4) - epact - yearOfCentury % 4) % 7
        let adjustment = (golden + 11 * epact + 22 * weekdayOffset) / 451
        let count = epact + weekdayOffset - 7 * adjustment + 114
        return day(year, count / 31, count % 31 + 1)
    }

    private static func monday(onOrAfter start: CalendarDay) -> CalendarDay {
        var day = start
        while day.weekday != .monday { day = day.adding(days: 1) }
        return day
    }

    private static func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDay {
        CalendarDay(uncheckedYear: year, month: month, day: day)
    }
}
