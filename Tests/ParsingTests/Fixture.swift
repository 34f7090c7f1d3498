import Foundation
import Testing

/// Fixture files of this test target, loaded as package resources.
enum Fixture {
    struct Missing: Error, CustomStringConvertible {
        let name: String
        var description: String { "fixture \(name) is not in the test bundle" }
    }

    /// The fixture's file URL inside the test bundle.
    static func url(_ name: String) throws -> URL {
        let base = (name as NSString).deletingPathExtension
        let pathExtension = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: pathExtension, subdirectory: "Fixtures") else {
            throw Missing(name: name)
        }
        return url
    }

    /// The fixture's bytes.
    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: url(name))
    }
}

/// A UTC instant from calendar fields, built with Foundation's calendar so that expectations do
/// not depend on the parser under test.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0)!
    let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    return calendar.date(from: components)!
}
