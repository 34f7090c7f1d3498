/// A day of the week, named as in configuration files (`monday` … `sunday`).
///
/// A school's working week is a set of these. Raw values are lower-case English names so
/// that a configuration file can list working days by name.
public enum Weekday: String, CaseIterable, Hashable, Sendable, Codable {
    /// Sunday.
    case sunday
    /// Monday.
    case monday
    /// Tuesday.
    case tuesday
    /// Wednesday.
    case wednesday
    /// Thursday.
    case thursday
    /// Friday.
    case friday
    /// Saturday.
    case saturday

    /// Monday to Friday: the working week the policy assumes unless a school says otherwise.
    public static let mondayToFriday: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]

    /// The weekday for Foundation's `Calendar` weekday number (1 = Sunday … 7 = Saturday).
    ///
    /// - Returns: nil for numbers outside 1...7.
    public init?(calendarWeekday: Int) {
        guard (1...7).contains(calendarWeekday) else { return nil }
        self = Weekday.allCases[calendarWeekday - 1]
    }

    /// Foundation's `Calendar` weekday number (1 = Sunday … 7 = Saturday).
    public var calendarWeekday: Int {
        Weekday.allCases.firstIndex(of: self)! + 1
    }
}
