import Foundation
import Testing
@testable import Workflow

@Suite struct TimeOfDayTests {
    @Test("Parses HH:MM", arguments: [("17:00", 17, 0), ("08:00", 8, 0), ("8:05", 8, 5), ("23:59", 23, 59), ("00:00", 0, 0)])
    func parses(_ text: String, _ hour: Int, _ minute: Int) throws {
        let time = try TimeOfDay(parsing: text)
        #expect(time.hour == hour)
        #expect(time.minute == minute)
    }

    @Test("Rejects what is not a time of day", arguments: ["", "17", "17:0", "24:00", "12:60", "-1:00", "17:00:00", "5pm", "1 7:00"])
    func rejects(_ text: String) {
        #expect(throws: WorkflowError.self) { try TimeOfDay(parsing: text) }
    }

    @Test func rejectsOutOfRangeParts() {
        #expect(throws: WorkflowError.self) { try TimeOfDay(hour: 24) }
        #expect(throws: WorkflowError.self) { try TimeOfDay(hour: 9, minute: 60) }
    }

    @Test func writesTwoDigitParts() throws {
        #expect(try TimeOfDay(hour: 8).description == "08:00")
        #expect(try TimeOfDay(hour: 17, minute: 5).description == "17:05")
    }

    @Test func ordersByMinutesSinceMidnight() throws {
        #expect(try TimeOfDay(hour: 8) < TimeOfDay(hour: 17))
        #expect(try TimeOfDay(hour: 8, minute: 59) < TimeOfDay(hour: 9))
    }

    @Test func codesAsText() throws {
        let data = try JSONEncoder().encode([TimeOfDay(hour: 17)])
        #expect(String(decoding: data, as: UTF8.self) == #"["17:00"]"#)
        #expect(try JSONDecoder().decode([TimeOfDay].self, from: data) == [TimeOfDay(hour: 17)])
    }
}
