import Foundation
import Testing

@testable import Parsing

@Suite struct EncodingChoiceTests {
    struct ChoiceCase: CustomTestStringConvertible, Sendable {
        let note: String
        let bytes: [UInt8]
        let http: String?
        let declared: String?
        let reported: String
        let decoder: String
        var testDescription: String { note }
    }

    static let ascii = Array("<rss/>".utf8)
    static let utf8 = Array("<rss>é</rss>".utf8)
    static let latin1: [UInt8] = Array("<rss>".utf8) + [0xE9] + Array("</rss>".utf8)

    static let cases: [ChoiceCase] = [
        ChoiceCase(note: "nothing said: UTF-8", bytes: utf8, http: nil, declared: nil, reported: "utf-8", decoder: "UTF-8"),
        ChoiceCase(note: "declaration alone", bytes: latin1, http: nil, declared: "ISO-8859-1", reported: "iso-8859-1", decoder: "windows-1252"),
        ChoiceCase(note: "HTTP charset wins over the declaration", bytes: ascii, http: "us-ascii", declared: "iso-8859-1", reported: "us-ascii", decoder: "UTF-8"),
        ChoiceCase(note: "valid UTF-8 wins over a server's Latin-1", bytes: utf8, http: "iso-8859-1", declared: "utf-8", reported: "utf-8", decoder: "UTF-8"),
        ChoiceCase(note: "invalid UTF-8 takes the other label", bytes: latin1, http: "utf-8", declared: "iso-8859-1", reported: "iso-8859-1", decoder: "windows-1252"),
        ChoiceCase(note: "US-ASCII with stray bytes is Windows-1252", bytes: latin1, http: nil, declared: "us-ascii", reported: "us-ascii", decoder: "windows-1252"),
        ChoiceCase(note: "GB2312 as GB18030", bytes: ascii, http: "\"GB2312\"", declared: nil, reported: "gb18030", decoder: "GB18030"),
        ChoiceCase(note: "a UTF-16 label on 8-bit bytes", bytes: ascii, http: nil, declared: "UTF-16", reported: "utf-8", decoder: "UTF-8"),
        ChoiceCase(note: "an unknown label", bytes: ascii, http: nil, declared: "no-such-charset", reported: "utf-8", decoder: "UTF-8"),
        ChoiceCase(note: "a label iconv knows", bytes: ascii, http: nil, declared: "KOI8-R", reported: "koi8-r", decoder: "koi8-r"),
    ]

    @Test(arguments: cases)
    func choosesTheEncoding(_ testCase: ChoiceCase) {
        let choice = EncodingChoice.choose(bytes: testCase.bytes, httpCharset: testCase.http, declared: testCase.declared)
        #expect(choice.reportedName == testCase.reported)
        #expect(choice.decoderName == testCase.decoder)
    }

    @Test func unusableLabelsSayWhy() {
        let choice = EncodingChoice.choose(bytes: Self.ascii, httpCharset: nil, declared: "no-such-charset")
        #expect(choice.problem == "the encoding \"no-such-charset\" is unknown; read as UTF-8")
        #expect(EncodingChoice.choose(bytes: Self.ascii, httpCharset: nil, declared: "utf-8").problem == nil)
    }
}
