import Foundation
import Model
import Testing

@testable import Parsing

/// Inputs the fuzz targets (Fuzz/Targets) once stopped on, kept as fixtures named
/// `fuzz-<target>-<what>`: each is parsed again and must keep the promises the target checks.
@Suite struct FuzzRegressionTests {
    /// The fixture names starting with `fuzz-`.
    static let fixtureNames: [String] = {
        guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return names.filter { $0.hasPrefix("fuzz-") }.sorted()
    }()

    @Test func theRegressionInputsAreInTheBundle() {
        #expect(!Self.fixtureNames.isEmpty)
    }

    @Test(arguments: fixtureNames)
    func aFormerFuzzFindingKeepsTheParsersPromises(_ name: String) throws {
        let data = try Fixture.data(name)
        if name.hasPrefix("fuzz-feed-") {
            try checkFeed(data)
        } else if name.hasPrefix("fuzz-html-") {
            checkHTML(data)
        } else if name.hasPrefix("fuzz-date-") {
            checkDate(String(decoding: data, as: UTF8.self))
        } else {
            Issue.record("\(name) names no fuzz target (feed, html or date)")
        }
    }

    func checkFeed(_ data: Data) throws {
        let parser = FeedParser(keepsItemDetails: true)
        let url = URL(string: "https://fuzz.example/feeds/news.xml")!
        guard let feed = try? parser.parse(data, baseURL: url) else { return }
        for item in feed.items {
            #expect(!item.key.rawValue.isEmpty)
            #expect(!item.title.contains("\n"))
            for text in [item.title, item.text] {
                #expect(text == text.trimmingCharacters(in: .whitespacesAndNewlines))
                #expect(!text.contains("\n\n"))
            }
        }
        #expect(try parser.parse(data, baseURL: url) == feed)
    }

    func checkHTML(_ data: Data) {
        let extractor = HTMLTextExtractor()
        for text in [extractor.text(fromHTML: String(decoding: data, as: UTF8.self)), extractor.text(fromHTML: data, encoding: nil)]
        where !text.isEmpty {
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                #expect(!line.isEmpty)
                #expect(line == line.trimmingCharacters(in: .whitespaces))
            }
        }
        let page = PageParser().parse(data, baseURL: URL(string: "https://fuzz.example/forum/thread/1")!)
        #expect(page.blocks.allSatisfy { !$0.key.rawValue.isEmpty && !($0.text.isEmpty && $0.title.isEmpty) })
    }

    func checkDate(_ text: String) {
        guard let date = FeedDateParser().date(from: text) else { return }
        #expect(date.timeIntervalSince1970.isFinite)
        // Written back in RFC 3339 by the parser's own calendar (proleptic Gregorian), it reads back.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        let secondOfDay = seconds - days * 86_400
        let written = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day,
                             secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
        #expect(FeedDateParser().date(from: written) == Date(timeIntervalSince1970: Double(seconds)), "\(written)")
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (the inverse of the era algorithm).
    static func civilDate(daysSinceEpoch days: Int) -> (Int, Int, Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
