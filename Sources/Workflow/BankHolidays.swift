import Foundation

/// The bank holidays of one UK division, read from the gov.uk `bank-holidays.json` format.
///
/// The policy's "next working day" skips bank holidays as well as weekends, and gov.uk
/// publishes them as JSON with one section per division:
/// `{"england-and-wales": {"division": …, "events": [{"title", "date": "YYYY-MM-DD", "notes", "bunting"}]}, …}`.
/// A school can drop in a fresh copy of that file; Earshot bundles England and Wales for 2024–2028
/// and expects the regular pattern after the list ends (`withRegularEnglandAndWalesHolidaysAfterTheList()`).
public struct BankHolidays: Hashable, Sendable {
    /// A section of the gov.uk file. Schools in Scotland and Northern Ireland have different holidays.
    public enum Division: String, CaseIterable, Hashable, Sendable, Codable {
        /// England and Wales share one list.
        case englandAndWales = "england-and-wales"
        /// Scotland, with its own holidays such as 2 January and St Andrew’s Day.
        case scotland = "scotland"
        /// Northern Ireland, with St Patrick’s Day and the Battle of the Boyne.
        case northernIreland = "northern-ireland"
    }

    /// One bank holiday as gov.uk lists it.
    public struct Holiday: Hashable, Sendable {
        /// Its name, such as "Early May bank holiday".
        public var title: String
        /// The day it is observed, after any substitution.
        public var day: CalendarDay
        /// "Substitute day" when the holiday moved off a weekend, else usually empty.
        public var notes: String
        /// Whether gov.uk flies bunting for it; kept for completeness, unused by the policy.
        public var hasBunting: Bool

        /// A bank holiday from its parts.
        public init(title: String, day: CalendarDay, notes: String = "", hasBunting: Bool = false) {
            self.title = title
            self.day = day
            self.notes = notes
            self.hasBunting = hasBunting
        }

        /// Whether gov.uk marks this as a substitute for a holiday that fell at a weekend.
        public var isSubstituteDay: Bool {
            notes.localizedCaseInsensitiveContains("substitute")
        }
    }

    /// The division these holidays belong to.
    public let division: Division
    /// The holidays, earliest first.
    public let holidays: [Holiday]

    /// Holidays given directly, for tests and for schools that list their own.
    public init(division: Division, holidays: [Holiday]) {
        self.division = division
        self.holidays = holidays.sorted { $0.day < $1.day }
    }

    /// Reads one division from a gov.uk `bank-holidays.json` document.
    ///
    /// - Parameters:
    ///   - data: The JSON document.
    ///   - division: The section to read.
    /// - Throws: `WorkflowError.invalidBankHolidays` when the document is not in the gov.uk shape or a date
    ///   is not `YYYY-MM-DD`; `WorkflowError.unknownDivision` when it has no section for `division`.
    public init(decoding data: Data, division: Division = .englandAndWales) throws(WorkflowError) {
        let document: [String: DivisionPayload]
        do {
            document = try JSONDecoder().decode([String: DivisionPayload].self, from: data)
        } catch {
            throw .invalidBankHolidays(reason: "not a gov.uk bank-holidays document", underlying: error)
        }
        guard let section = document[division.rawValue] else {
            throw .unknownDivision(division, available: document.keys.sorted())
        }
        var holidays: [Holiday] = []
        for event in section.events {
            let day: CalendarDay
            do {
                day = try CalendarDay(parsing: event.date)
            } catch {
                throw .invalidBankHolidays(
                    reason: "\"\(event.title)\" has date \"\(event.date)\", expected YYYY-MM-DD",
                    underlying: nil
                )
            }
            holidays.append(Holiday(
                title: event.title,
                day: day,
                notes: event.notes ?? "",
                hasBunting: event.bunting ?? false
            ))
        }
        self.init(division: division, holidays: holidays)
    }

    /// England and Wales bank holidays for 2024 through 2028, from the file bundled with Earshot.
    ///
    /// Read once. The file ships inside the module and the tests read it, so a failure here is a
    /// broken installation: the process stops with a message saying so. Callers that would rather
    /// handle that case use `loadBundledEnglandAndWales()`.
    public static let bundledEnglandAndWales: BankHolidays = {
        do {
            return try loadBundledEnglandAndWales()
        } catch {
            preconditionFailure("\(error)")
        }
    }()

    /// Reads the bundled England and Wales bank holidays (2024–2028), reporting a missing or damaged file.
    ///
    /// - Throws: `WorkflowError.missingResource` if the file is not in the bundle, or
    ///   `WorkflowError.invalidBankHolidays` if it is damaged.
    public static func loadBundledEnglandAndWales() throws(WorkflowError) -> BankHolidays {
        let name = "bank-holidays.json"
        guard let url = Bundle.module.url(forResource: "bank-holidays", withExtension: "json", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "bank-holidays", withExtension: "json")
        else {
            throw .missingResource(name: name)
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .missingResource(name: name)
        }
        return try BankHolidays(decoding: data, division: .englandAndWales)
    }

    /// The holiday dates, for building a `WorkingCalendar`.
    public var days: Set<CalendarDay> {
        Set(holidays.map(\.day))
    }

    /// The years the list covers, first to last; nil when it is empty.
    ///
    /// Past the last year every weekday counts as a working day, so callers can warn when a
    /// deadline falls beyond it.
    public var coveredYears: ClosedRange<Int>? {
        guard let first = holidays.first, let last = holidays.last else { return nil }
        return first.day.year...last.day.year
    }

    /// Whether the day is one of these bank holidays.
    public func contains(_ day: CalendarDay) -> Bool {
        holidays.contains { $0.day == day }
    }

    /// The holiday on a day, if there is one.
    public func holiday(on day: CalendarDay) -> Holiday? {
        holidays.first { $0.day == day }
    }
}

/// The gov.uk shape of one division.
private struct DivisionPayload: Decodable {
    var division: String?
    var events: [EventPayload]
}

/// The gov.uk shape of one event.
private struct EventPayload: Decodable {
    var title: String
    var date: String
    var notes: String?
    var bunting: Bool?
}
