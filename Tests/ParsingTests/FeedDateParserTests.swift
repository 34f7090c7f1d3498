import Foundation
import Testing

@testable import Parsing

@Suite struct FeedDateParserTests {
    /// A date string and the instant it names (nil: must be rejected).
    struct DateCase: CustomTestStringConvertible, Sendable {
        let text: String
        let expected: Date?
        let note: String
        init(_ text: String, _ expected: Date?, _ note: String) {
            self.text = text
            self.expected = expected
            self.note = note
        }
        var testDescription: String { "\(note): \"\(text)\"" }
    }

    static let rfc822Cases: [DateCase] = [
        DateCase("Tue, 05 Mar 2024 09:30:00 GMT", utc(2024, 3, 5, 9, 30), "RFC 1123"),
        DateCase("Tue, 05 Mar 2024 09:30:00 +0000", utc(2024, 3, 5, 9, 30), "numeric zero offset"),
        DateCase("05 Mar 2024 09:30:00 GMT", utc(2024, 3, 5, 9, 30), "missing weekday"),
        DateCase("Fri, 05 Mar 2024 09:30:00 GMT", utc(2024, 3, 5, 9, 30), "wrong weekday accepted"),
        DateCase("Tue, 5 Mar 2024 09:30 GMT", utc(2024, 3, 5, 9, 30), "single-digit day, missing seconds"),
        DateCase("Mon, 04 Mar 24 18:05:00 +0000", utc(2024, 3, 4, 18, 5), "two-digit year in this century"),
        DateCase("Thu, 01 Jan 98 00:00:00 GMT", utc(1998, 1, 1), "two-digit year in the last century"),
        DateCase("Sat, 01 Jan 49 12:00:00 UT", utc(2049, 1, 1, 12), "two-digit year 49 is 2049"),
        DateCase("Sun, 01 Jan 50 12:00:00 UT", utc(1950, 1, 1, 12), "two-digit year 50 is 1950"),
        DateCase("Tue, 05 Mar 2024 09:30:00 Z", utc(2024, 3, 5, 9, 30), "zone Z"),
        DateCase("Tue, 05 Mar 2024 09:30:00 UTC", utc(2024, 3, 5, 9, 30), "zone UTC"),
        DateCase("Mon, 01 Jul 2024 10:00:00 BST", utc(2024, 7, 1, 9), "British summer time"),
        DateCase("Tue, 05 Mar 2024 09:30:00 EST", utc(2024, 3, 5, 14, 30), "EST"),
        DateCase("Mon, 01 Jul 2024 09:30:00 EDT", utc(2024, 7, 1, 13, 30), "EDT"),
        DateCase("Tue, 05 Mar 2024 09:30:00 CST", utc(2024, 3, 5, 15, 30), "CST"),
        DateCase("Mon, 01 Jul 2024 09:30:00 CDT", utc(2024, 7, 1, 14, 30), "CDT"),
        DateCase("Tue, 05 Mar 2024 09:30:00 MST", utc(2024, 3, 5, 16, 30), "MST"),
        DateCase("Mon, 01 Jul 2024 09:30:00 MDT", utc(2024, 7, 1, 15, 30), "MDT"),
        DateCase("Tue, 05 Mar 2024 09:30:00 PST", utc(2024, 3, 5, 17, 30), "PST"),
        DateCase("Mon, 01 Jul 2024 09:30:00 PDT", utc(2024, 7, 1, 16, 30), "PDT"),
        DateCase("Tue, 05 Mar 2024 09:30:00 CET", utc(2024, 3, 5, 8, 30), "CET"),
        DateCase("Mon, 01 Jul 2024 09:30:00 CEST", utc(2024, 7, 1, 7, 30), "CEST"),
        DateCase("Tue, 05 Mar 2024 09:30:00 -0500", utc(2024, 3, 5, 14, 30), "negative offset"),
        DateCase("Tue, 05 Mar 2024 09:30:00 +05:30", utc(2024, 3, 5, 4, 0), "offset with colon"),
        DateCase("Tue, 05 Mar 2024 09:30:00 GMT+0100", utc(2024, 3, 5, 8, 30), "zone name glued to offset"),
        DateCase("Tue, 05 Mar 2024 09:30:00", utc(2024, 3, 5, 9, 30), "no zone is UTC"),
        DateCase("Tue, 05 March 2024 09:30:00 GMT", utc(2024, 3, 5, 9, 30), "full month name"),
        DateCase("tue, 05 mar 2024 09:30:00 gmt", utc(2024, 3, 5, 9, 30), "lowercase"),
        DateCase("Tuesday, 05-Mar-2024 09:30:00 GMT", utc(2024, 3, 5, 9, 30), "RFC 850 style hyphens"),
        DateCase("Tue, 05 Mar 2024 09:30:00 GMT (Greenwich Mean Time)", utc(2024, 3, 5, 9, 30), "comment ignored"),
        DateCase("Tue,05 Mar 2024 09:30:00 GMT", utc(2024, 3, 5, 9, 30), "no space after comma"),
        DateCase("March 5, 2024 9:30 PM", utc(2024, 3, 5, 21, 30), "month first with PM"),
        DateCase("05 Mar 2024", utc(2024, 3, 5), "date only"),
        DateCase("Tue, 05 Mar 2024 09:30:00 XYZ", utc(2024, 3, 5, 9, 30), "unknown zone read as UTC"),
        DateCase("Fri, 29 Feb 2024 12:00:00 GMT", utc(2024, 2, 29, 12), "leap day"),
    ]

    static let isoCases: [DateCase] = [
        DateCase("2024-03-05T09:30:00Z", utc(2024, 3, 5, 9, 30), "RFC 3339"),
        DateCase("2024-03-05T09:30:00.123Z", utc(2024, 3, 5, 9, 30).addingTimeInterval(0.123), "fraction"),
        DateCase("2024-03-05T09:30:00+01:00", utc(2024, 3, 5, 8, 30), "offset with colon"),
        DateCase("2024-03-05T09:30:00-0500", utc(2024, 3, 5, 14, 30), "offset without colon"),
        DateCase("2024-03-05T09:30:00+01", utc(2024, 3, 5, 8, 30), "hour-only offset"),
        DateCase("2024-03-05T09:30:00", utc(2024, 3, 5, 9, 30), "no zone is UTC"),
        DateCase("2024-03-05T09:30Z", utc(2024, 3, 5, 9, 30), "no seconds"),
        DateCase("2024-03-05 09:30:00", utc(2024, 3, 5, 9, 30), "space instead of T"),
        DateCase("2024-03-05t09:30:00z", utc(2024, 3, 5, 9, 30), "lowercase t and z"),
        DateCase("2024-03-05", utc(2024, 3, 5), "date only"),
        DateCase("2024-03", utc(2024, 3, 1), "W3C year and month"),
        DateCase("2024-3-5", utc(2024, 3, 5), "single-digit month and day"),
    ]

    static let rejectedCases: [DateCase] = [
        DateCase("", nil, "empty"),
        DateCase("yesterday", nil, "words"),
        DateCase("Tue, 31 Feb 2024 09:30:00 GMT", nil, "no 31 February"),
        DateCase("Tue, 05 Foo 2024 09:30:00 GMT", nil, "unknown month"),
        DateCase("Tue, 05 Mar 2024 25:30:00 GMT", nil, "hour 25"),
        DateCase("2024-13-01T00:00:00Z", nil, "month 13"),
        DateCase("2023-02-29", nil, "not a leap year"),
        DateCase("2024-03-05T09:30:00+25:00", nil, "offset out of range"),
        DateCase("2024-03-05Tnoon", nil, "junk time"),
        DateCase("05/03/2024", nil, "ambiguous slashes"),
        DateCase("Mar 2024", nil, "no day"),
    ]

    @Test(arguments: rfc822Cases)
    func readsRFC822Variants(_ testCase: DateCase) {
        #expect(FeedDateParser().date(from: testCase.text) == testCase.expected)
    }

    @Test(arguments: isoCases)
    func readsISO8601Variants(_ testCase: DateCase) {
        let parsed = FeedDateParser().date(from: testCase.text)
        let difference = parsed.flatMap { parsed in
            testCase.expected.map { abs(parsed.timeIntervalSince($0)) }
        }
        #expect(difference.map { $0 < 0.000_5 } == true, "parsed \(String(describing: parsed))")
    }

    @Test(arguments: rejectedCases)
    func unreadableDatesAreNilNeverNow(_ testCase: DateCase) {
        #expect(FeedDateParser().date(from: testCase.text) == nil)
    }

    @Test func surroundingWhitespaceIsIgnored() {
        #expect(FeedDateParser().date(from: "\n   2024-03-05T09:30:00Z  \n") == utc(2024, 3, 5, 9, 30))
    }

    @Test func datesBeforeTheEpochAreComputedCorrectly() {
        #expect(FeedDateParser().date(from: "1969-12-31T23:59:59Z") == Date(timeIntervalSince1970: -1))
        #expect(FeedDateParser().date(from: "Sat, 01 Jan 1900 00:00:00 GMT") == utc(1900, 1, 1))
    }
}
