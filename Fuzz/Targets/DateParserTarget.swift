import Foundation
import Parsing

// libFuzzer target: any bytes as a feed date. A date that is read must be a real instant, and
// writing it in RFC 3339 and reading that back must give the same instant.

let parser = FeedDateParser()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    guard let date = parser.date(from: text) else { return 0 }
    let seconds = date.timeIntervalSince1970
    precondition(seconds.isFinite, "a date that is not finite from \(text.debugDescription)")
    // Years 1 to 9999, give or take a day of zone offset.
    precondition(seconds > -62_135_683_200 && seconds < 253_402_387_200, "a date out of range from \(text.debugDescription)")
    // From 1700 (Foundation's calendar writes Julian dates before the Gregorian reform; feeds
    // and this parser use the proleptic Gregorian calendar) to 9998 (four-digit years).
    guard seconds > -8_520_336_000, seconds < 253_370_764_800 else { return 0 }
    let written = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(secondsFromGMT: 0)!).format(date)
    guard let reread = parser.date(from: written) else {
        preconditionFailure("\(written) (from \(text.debugDescription)) cannot be read back")
    }
    precondition(abs(reread.timeIntervalSince(date)) < 0.001, "\(written) reads back as \(reread) (from \(text.debugDescription))")
    return 0
}
