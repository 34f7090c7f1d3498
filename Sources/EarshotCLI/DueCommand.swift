import ArgumentParser
import Settings
import Foundation
import Model
import Workflow

/// `earshot due`: when a post must be answered, and which rule of the policy says so.
struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "Print the due time of a post received at a given moment, with the rule that made it."
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "When the post was received, ISO 8601 (e.g. 2026-11-27T19:30:00Z or 2026-11-27T19:30:00+00:00).")
    var received: String

    @Option(help: "The concern: \(Concern.allCases.map(\.rawValue).joined(separator: ", ")).")
    var concern: String

    @Flag(help: "Print one JSON object with `due` (ISO 8601 with the local offset) and `rule`.")
    var json = false

    func run() throws {
        let configuration = try options.loadConfiguration()
        guard let concern = Concern(rawValue: concern) else {
            throw ValidationError("unknown concern \"\(concern)\"; use one of \(Concern.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let parser = ISO8601DateFormatter()
        guard let receivedAt = parser.date(from: received) else {
            throw ValidationError("\"\(received)\" is not an ISO 8601 date and time with a zone, such as 2026-11-27T19:30:00Z")
        }
        guard let rule = configuration.routing[concern] else {
            throw ValidationError("the routing policy has no rule for \(concern.rawValue)")
        }
        let deadline = configuration.dueTimeCalculator.deadline(for: rule.responseTime, receivedAt: receivedAt)
        let local = ISO8601DateFormatter()
        local.timeZone = configuration.calendar.timeZone
        local.formatOptions = [.withInternetDateTime]
        let readable = DateFormatter()
        readable.locale = Locale(identifier: "en_GB")
        readable.timeZone = configuration.calendar.timeZone
        readable.dateFormat = "EEEE d MMMM yyyy HH:mm zzz"
        if json {
            let object: [String: String] = [
                "due": Self.withNumericOffset(local.string(from: deadline.dueAt), zone: configuration.calendar.timeZone, at: deadline.dueAt),
                "rule": deadline.rule.explanation, "concern": concern.rawValue, "owner": rule.owner.rawValue,
                "responseTime": rule.responseTime.description,
            ]
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(object), as: UTF8.self))
        } else {
            print("due \(readable.string(from: deadline.dueAt)) (owner \(rule.owner))")
            print("rule: \(deadline.rule.explanation)")
            print("policy: \(concern.displayName) — \(rule.responseTime.description)")
        }
    }

    /// ISO 8601 with the offset written as +00:00 rather than Z, so the local offset is always visible.
    static func withNumericOffset(_ text: String, zone: TimeZone, at date: Date) -> String {
        guard text.hasSuffix("Z") else { return text }
        let seconds = zone.secondsFromGMT(for: date)
        return String(text.dropLast()) + String(format: "%@%02d:%02d", seconds < 0 ? "-" : "+", abs(seconds) / 3600, abs(seconds) % 3600 / 60)
    }
}
