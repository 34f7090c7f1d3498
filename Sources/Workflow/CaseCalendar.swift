import Foundation
import Model

/// Open cases' due times as an iCalendar (RFC 5545) file that staff can subscribe to.
public struct CaseCalendar: Sendable {
    public init() {}

    /// An iCalendar document with one event per case, at its due time.
    /// - Parameter generatedAt: the DTSTAMP of every event.
    public func render(_ cases: [CaseSummary], schoolName: String, generatedAt: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Earshot//Case due times//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.escape("\(schoolName) cases due"),
        ]
        for item in cases {
            var description = "\(item.primaryConcern.displayName), owner \(item.owner), status \(item.status.rawValue).\n\(item.snippet)"
            if let link = item.link { description += "\n\(link.absoluteString)" }
            lines += [
                "BEGIN:VEVENT",
                "UID:case-\(item.id.rawValue)@earshot",
                "DTSTAMP:" + Self.timestamp(generatedAt),
                "DTSTART:" + Self.timestamp(item.dueAt),
                "DTEND:" + Self.timestamp(item.dueAt.addingTimeInterval(15 * 60)),
                "SUMMARY:" + Self.escape("Case \(item.id) due: \(item.primaryConcern.displayName) (\(item.owner))"),
                "DESCRIPTION:" + Self.escape(description),
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// A UTC date-time such as 20261125T170000Z.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }

    /// Text values escape backslash, semicolon, comma and line breaks, scalar by scalar (a `;`
    /// followed by a combining mark is one Character, which a Character-wise replacement misses),
    /// and show direction controls (``DirectionControls``) as U+FFFD, as every other view does.
    static func escape(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped.append(contentsOf: "\\\\".unicodeScalars)
            case ";": escaped.append(contentsOf: "\\;".unicodeScalars)
            case ",": escaped.append(contentsOf: "\\,".unicodeScalars)
            case "\n" where previous == "\r": break
            case "\r", "\n": escaped.append(contentsOf: "\\n".unicodeScalars)
            case _ where DirectionControls.contains(scalar.value): escaped.append(DirectionControls.replacement)
            default: escaped.append(scalar)
            }
            previous = scalar
        }
        return String(escaped)
    }

    /// Lines longer than 75 octets continue on lines that start with a space, never splitting a character.
    static func fold(_ line: String) -> String {
        var result = ""
        var width = 0
        for character in line {
            let size = String(character).utf8.count
            if width + size > 75 {
                result += "\r\n "
                width = 1
            }
            result.append(character)
            width += size
        }
        return result
    }
}
