/// A wall-clock time in the school's time zone, to the minute, such as 08:00 or 17:00.
///
/// Working hours are kept as times of day rather than dates so that the same hours apply
/// on every working day, whatever the clocks do.
public struct TimeOfDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// 0...23.
    public let hour: Int
    /// 0...59.
    public let minute: Int

    /// A time of day from its hour and minute.
    ///
    /// - Throws: `WorkflowError.invalidTimeOfDay` when the hour is outside 0...23 or the minute outside 0...59.
    public init(hour: Int, minute: Int = 0) throws(WorkflowError) {
        guard (0...23).contains(hour), (0...59).contains(minute) else {
            throw .invalidTimeOfDay("\(hour):\(minute)")
        }
        self.init(uncheckedHour: hour, minute: minute)
    }

    /// A time of day from text in 24-hour `HH:MM` form, as written in configuration files.
    ///
    /// - Throws: `WorkflowError.invalidTimeOfDay` when the text is not two numbers separated by a colon
    ///   or names a time that does not exist.
    public init(parsing text: String) throws(WorkflowError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              parts[1].count == 2
        else {
            throw .invalidTimeOfDay(text)
        }
        do {
            try self.init(hour: hour, minute: minute)
        } catch {
            throw .invalidTimeOfDay(text)
        }
    }

    init(uncheckedHour hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// Minutes since midnight, for comparing and ordering times.
    public var minutesSinceMidnight: Int { hour * 60 + minute }

    /// The time as `HH:MM`.
    public var description: String {
        let hourText = hour < 10 ? "0\(hour)" : "\(hour)"
        let minuteText = minute < 10 ? "0\(minute)" : "\(minute)"
        return "\(hourText):\(minuteText)"
    }

    /// Earlier times come first.
    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }

    /// Decodes the `HH:MM` text form, so that configuration files and stored settings read naturally.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(parsing: container.decode(String.self))
    }

    /// Encodes the `HH:MM` text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
