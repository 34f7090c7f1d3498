import Foundation

/// The school's working week: which days are working days and when the working day closes,
/// in the school's own time zone.
///
/// The policy counts in working days ("the next working day if received at a weekend"), so
/// every due-time rule asks this calendar whether a day is a working day and when it closes.
/// Weekends and bank holidays are not working days; the close of a working day is the end of
/// working hours on the local clock, so 17:00 stays 17:00 on either side of a clock change.
public struct WorkingCalendar: Sendable, Hashable {
    /// The school's time zone; working hours and calendar days are read on its clock.
    public let timeZone: TimeZone
    /// The days of the week that are working days when they are not bank holidays.
    public let workingWeekdays: Set<Weekday>
    /// When the working day starts, on the local clock.
    public let workingHoursStart: TimeOfDay
    /// When the working day ends, on the local clock: the "close" of a working day.
    public let workingHoursEnd: TimeOfDay
    /// Days that are not working days even when their weekday is.
    public let bankHolidays: Set<CalendarDay>

    /// A Gregorian calendar on the school's clock, derived from `timeZone`.
    private let localCalendar: Calendar

    /// The school's default time zone, Europe/London.
    ///
    /// Stops the process with a message naming the fix when the system has no time-zone data,
    /// because silently falling back to UTC would put every deadline an hour out in summer.
    public static var defaultTimeZone: TimeZone {
        guard let london = TimeZone(identifier: "Europe/London") else {
            preconditionFailure("The Europe/London time zone is not available: install the tzdata package.")
        }
        return london
    }

    /// Working hours start by default at 08:00.
    public static let defaultWorkingHoursStart = TimeOfDay(uncheckedHour: 8, minute: 0)
    /// Working hours end by default at 17:00.
    public static let defaultWorkingHoursEnd = TimeOfDay(uncheckedHour: 17, minute: 0)

    /// A working calendar.
    ///
    /// - Parameters:
    ///   - timeZone: The school's time zone; Europe/London unless given.
    ///   - workingWeekdays: Monday to Friday unless given.
    ///   - workingHoursStart: 08:00 unless given.
    ///   - workingHoursEnd: 17:00 unless given; the close of each working day.
    ///   - bankHolidays: Days off in the school's time zone; none unless given.
    /// - Throws: `WorkflowError.invalidWorkingCalendar` when there are no working weekdays (no due time
    ///   could ever be found) or working hours do not end after they start.
    public init(
        timeZone: TimeZone = WorkingCalendar.defaultTimeZone,
        workingWeekdays: Set<Weekday> = Weekday.mondayToFriday,
        workingHoursStart: TimeOfDay = WorkingCalendar.defaultWorkingHoursStart,
        workingHoursEnd: TimeOfDay = WorkingCalendar.defaultWorkingHoursEnd,
        bankHolidays: Set<CalendarDay> = []
    ) throws(WorkflowError) {
        guard !workingWeekdays.isEmpty else {
            throw .invalidWorkingCalendar(reason: "at least one weekday must be a working day")
        }
        guard workingHoursStart < workingHoursEnd else {
            throw .invalidWorkingCalendar(
                reason: "working hours must end after they start (\(workingHoursStart)–\(workingHoursEnd))"
            )
        }
        self.init(
            validatedTimeZone: timeZone,
            workingWeekdays: workingWeekdays,
            workingHoursStart: workingHoursStart,
            workingHoursEnd: workingHoursEnd,
            bankHolidays: bankHolidays
        )
    }

    private init(
        validatedTimeZone timeZone: TimeZone,
        workingWeekdays: Set<Weekday>,
        workingHoursStart: TimeOfDay,
        workingHoursEnd: TimeOfDay,
        bankHolidays: Set<CalendarDay>
    ) {
        self.timeZone = timeZone
        self.workingWeekdays = workingWeekdays
        self.workingHoursStart = workingHoursStart
        self.workingHoursEnd = workingHoursEnd
        self.bankHolidays = bankHolidays
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.localCalendar = calendar
    }

    /// The default calendar with the bundled England and Wales bank holidays (2024–2028, then the
    /// regular pattern): Europe/London, Monday to Friday, 08:00–17:00.
    public static let englandAndWales = WorkingCalendar(
        validatedTimeZone: defaultTimeZone,
        workingWeekdays: Weekday.mondayToFriday,
        workingHoursStart: defaultWorkingHoursStart,
        workingHoursEnd: defaultWorkingHoursEnd,
        bankHolidays: BankHolidays.bundledEnglandAndWales.withRegularEnglandAndWalesHolidaysAfterTheList().days
    )

    /// The calendar day an instant falls on, on the school's clock.
    public func calendarDay(containing date: Date) -> CalendarDay {
        let parts = localCalendar.dateComponents([.year, .month, .day], from: date)
        return CalendarDay(uncheckedYear: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// The local wall-clock time of an instant, to the minute.
    public func timeOfDay(of date: Date) -> TimeOfDay {
        let parts = localCalendar.dateComponents([.hour, .minute], from: date)
        return TimeOfDay(uncheckedHour: parts.hour!, minute: parts.minute!)
    }

    /// Whether a day is a working day: one of the working weekdays and not a bank holiday.
    public func isWorkingDay(_ day: CalendarDay) -> Bool {
        workingWeekdays.contains(day.weekday) && !bankHolidays.contains(day)
    }

    /// Whether an instant falls on a working day, on the school's clock.
    public func isWorkingDay(_ date: Date) -> Bool {
        isWorkingDay(calendarDay(containing: date))
    }

    /// Whether an instant falls within working hours (start inclusive, end exclusive) of a working day.
    public func isWithinWorkingHours(_ date: Date) -> Bool {
        guard isWorkingDay(date) else { return false }
        let time = timeOfDay(of: date)
        return workingHoursStart <= time && time < workingHoursEnd
    }

    /// The first working day strictly after a day.
    ///
    /// Always found: the initialiser guarantees at least one working weekday, and bank holidays are finite.
    public func nextWorkingDay(after day: CalendarDay) -> CalendarDay {
        var candidate = day.adding(days: 1)
        while !isWorkingDay(candidate) {
            candidate = candidate.adding(days: 1)
        }
        return candidate
    }

    /// The instant working hours end on a day, on the school's clock.
    ///
    /// Built from the local date and time, not by adding seconds to midnight, so it is right on the
    /// days the clocks change. A closing time inside a spring-forward gap moves forward with the clock.
    public func closeOfWorkingDay(on day: CalendarDay) -> Date {
        instant(on: day, at: workingHoursEnd)
    }

    /// The instant working hours start on a day, on the school's clock.
    public func startOfWorkingDay(on day: CalendarDay) -> Date {
        instant(on: day, at: workingHoursStart)
    }

    /// The close of the first working day after the day an instant falls on.
    ///
    /// This is the policy's "the next working day" for a post received on a weekend or bank holiday.
    public func closeOfNextWorkingDay(after date: Date) -> Date {
        closeOfWorkingDay(on: nextWorkingDay(after: calendarDay(containing: date)))
    }

    private func instant(on day: CalendarDay, at time: TimeOfDay) -> Date {
        var parts = DateComponents()
        parts.timeZone = timeZone
        parts.year = day.year
        parts.month = day.month
        parts.day = day.day
        parts.hour = time.hour
        parts.minute = time.minute
        guard let date = localCalendar.date(from: parts) else {
            preconditionFailure("No instant for \(day) \(time) in \(timeZone.identifier).")
        }
        return date
    }
}
