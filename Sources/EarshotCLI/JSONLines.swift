// JSON lines in and out for `earshot score` and `earshot match`, written by hand for speed:
// read and written with Foundation (JSONSerialization, 7,600 lines a second; Codable, 50,000 lines
// a second for the reading and writing alone) the end-to-end rate of `earshot score` would fall to
// well under half of its 94,000 lines a second (scripts/bench-judgement), so the fast path stays,
// here on its own.

import ArgumentParser
import Foundation
import Model
import Sentiment
#if canImport(Glibc)
import Glibc
#endif

/// How `earshot score` and `earshot match` read their input lines.
enum LineFormat: String, ExpressibleByArgument, CaseIterable {
    case auto, text, json
}

/// One input line of `earshot score` or `earshot match`: its passage, or why it could not be read.
struct JudgementLine {
    /// The passage, when the line could be read.
    var text: String?
    /// The `"id"` of a JSON line as written (any JSON value), to echo back.
    var id: [UInt8]?
    /// Why the line could not be read.
    var problem: String?

    init(bytes: ArraySlice<UInt8>, format: LineFormat) {
        var content = bytes
        if content.last == UInt8(ascii: "\r") { content = content.dropLast() }
        let firstVisible = content.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        let isJSON = format == .json || (format == .auto && firstVisible == UInt8(ascii: "{"))
        guard isJSON else {
            text = String(decoding: content, as: UTF8.self)
            return
        }
        switch JSONLineReader.read(content) {
        case .success(let fields):
            id = fields.id
            if let text = fields.text {
                self.text = text
            } else {
                problem = fields.hasText ? "the \"text\" field is not a string" : "the JSON object has no \"text\" field"
            }
        case .failure(let error):
            problem = error.message
        }
    }
}

/// Reads standard input in large blocks and hands over complete lines.
///
/// Output is flushed only when no further complete line is waiting in the block just read, so a
/// file is answered in large writes while an interactive pipeline still gets each answer before
/// the next line is awaited.
enum LineStream {
    private static let blockSize = 1 << 16

    /// Calls `body` for each line of standard input (without its newline), and `flushing` each
    /// time the lines read so far are used up, before waiting for more.
    static func forEachLine(flushing: () -> Void, _ body: (ArraySlice<UInt8>) -> Void) {
        var pending: [UInt8] = []
        var block = [UInt8](repeating: 0, count: blockSize)
        while true {
            let count = block.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, blockSize) }
            if count < 0 {
                if errno == EINTR { continue }
                break
            }
            if count == 0 { break }
            pending.append(contentsOf: block[0..<count])
            var lineStart = pending.startIndex
            while let newline = pending[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                body(pending[lineStart..<newline])
                lineStart = newline + 1
            }
            pending.removeSubrange(pending.startIndex..<lineStart)
            flushing()
        }
        if !pending.isEmpty { body(pending[...]) }
    }

}

/// JSON output lines, collected in a byte buffer and written to standard output in large writes.
struct OutputBuffer {
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(1 << 16)
    }

    /// Writes everything collected so far.
    mutating func flush() {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                break
            }
            offset += written
        }
        bytes.removeAll(keepingCapacity: true)
    }

    /// `{"error": …}` for a line that could not be read.
    mutating func appendError(_ message: String, id: [UInt8]?) {
        appendRaw("{")
        appendID(id)
        appendRaw("\"error\":")
        appendString(message)
        appendRaw("}\n")
    }

    /// A score line: compound, label, drivers, stance with its evidence and concerns, the owner
    /// role when routing was asked for (`.some(nil)` when the concerns open no case), and each
    /// sentence's score when given.
    mutating func append(_ judgement: PassageJudge.Judgement, id: [UInt8]?, owner: Role?? = nil,
                         sentences: [SentenceScore]? = nil) {
        appendRaw("{")
        appendID(id)
        appendSentiment(judgement.sentiment)
        appendRaw(",\"stance\":\"")
        appendRaw(judgement.stance.rawValue)
        appendRaw("\",\"stanceEvidence\":")
        appendStrings(judgement.stanceEvidence)
        appendRaw(",\"concerns\":[")
        for (index, concern) in judgement.concerns.enumerated() {
            if index > 0 { appendRaw(",") }
            appendRaw("{\"concern\":\"")
            appendRaw(concern.concern.rawValue)
            appendRaw("\",\"confidence\":")
            appendNumber(concern.confidence)
            appendRaw(",\"evidence\":")
            appendStrings(concern.evidence)
            appendRaw("}")
        }
        appendRaw("]")
        if let owner {
            appendRaw(",\"owner\":")
            if let owner { appendString(owner.rawValue) } else { appendRaw("null") }
        }
        if let sentences {
            appendRaw(",\"sentences\":[")
            for (index, sentence) in sentences.enumerated() {
                if index > 0 { appendRaw(",") }
                appendRaw("{\"text\":")
                appendString(sentence.text)
                appendRaw(",")
                appendSentiment(sentence.score)
                appendRaw("}")
            }
            appendRaw("]")
        }
        appendRaw("}\n")
    }

    /// `{"features": […]}` for a passage.
    mutating func appendFeatures(_ features: [String], id: [UInt8]?) {
        appendRaw("{")
        appendID(id)
        appendRaw("\"features\":")
        appendStrings(features)
        appendRaw("}\n")
    }

    /// `"compound":…,"label":"…","drivers":[…]`, for a passage or one of its sentences.
    private mutating func appendSentiment(_ score: SentimentScore) {
        appendRaw("\"compound\":")
        appendNumber(score.compound)
        appendRaw(",\"label\":\"")
        appendRaw(score.label.rawValue)
        appendRaw("\",\"drivers\":")
        appendStrings(score.drivers)
    }

    mutating func appendID(_ id: [UInt8]?) {
        guard let id else { return }
        appendRaw("\"id\":")
        bytes.append(contentsOf: id)
        appendRaw(",")
    }

    mutating func appendRaw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func appendStrings(_ strings: [String]) {
        appendRaw("[")
        for (index, string) in strings.enumerated() {
            if index > 0 { appendRaw(",") }
            appendString(string)
        }
        appendRaw("]")
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as UTF-8.
    mutating func appendString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): appendRaw("\\\"")
            case UInt8(ascii: "\\"): appendRaw("\\\\")
            case UInt8(ascii: "\n"): appendRaw("\\n")
            case UInt8(ascii: "\r"): appendRaw("\\r")
            case UInt8(ascii: "\t"): appendRaw("\\t")
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                appendRaw("\\u00")
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A number with four decimals at most, without trailing zeros ("0.5", "-0.1234", "0").
    mutating func appendNumber(_ value: Double) {
        var scaled = Int64((abs(value) * 10_000).rounded())
        if scaled == 0 {
            appendRaw("0")
            return
        }
        if value < 0 { appendRaw("-") }
        appendRaw(String(scaled / 10_000))
        scaled %= 10_000
        guard scaled != 0 else { return }
        var digits = Array(String(scaled).utf8)
        while digits.count < 4 { digits.insert(UInt8(ascii: "0"), at: 0) }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        appendRaw(".")
        bytes.append(contentsOf: digits)
    }
}

/// A small, strict reader of one JSON object per line: checks the whole line is valid JSON and
/// picks out the top-level `"text"` string and `"id"` value.
enum JSONLineReader {
    /// What was found in a line.
    struct Fields {
        var text: String?
        var hasText = false
        var id: [UInt8]?
    }

    /// Why a line is not a JSON object.
    struct Failure: Error {
        var message: String
    }

    private static let maximumDepth = 64

    /// Reads a line that should hold one JSON object.
    static func read(_ line: ArraySlice<UInt8>) -> Result<Fields, Failure> {
        var parser = Parser(bytes: Array(line))
        do {
            let fields = try parser.readTopLevelObject()
            return .success(fields)
        } catch {
            return .failure(error)
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func readTopLevelObject() throws(Failure) -> Fields {
            skipSpace()
            guard peek == UInt8(ascii: "{") else { throw fail("expected a JSON object") }
            var fields = Fields()
            index += 1
            skipSpace()
            if peek == UInt8(ascii: "}") {
                index += 1
            } else {
                while true {
                    skipSpace()
                    guard peek == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
                    let key = try readString()
                    skipSpace()
                    guard peek == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
                    index += 1
                    skipSpace()
                    let valueStart = index
                    if key == "text" {
                        fields.hasText = true
                        if peek == UInt8(ascii: "\"") {
                            fields.text = try readString()
                        } else {
                            fields.text = nil
                            try skipValue(depth: 1)
                        }
                    } else {
                        try skipValue(depth: 1)
                        if key == "id" { fields.id = Array(bytes[valueStart..<index]) }
                    }
                    skipSpace()
                    if peek == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard peek == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
                    index += 1
                    break
                }
            }
            skipSpace()
            guard index == bytes.count else { throw fail("unexpected text after the object") }
            return fields
        }

        private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        private func fail(_ reason: String) -> Failure {
            Failure(message: "malformed JSON at byte \(index + 1): \(reason)")
        }

        private mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        private mutating func skipValue(depth: Int) throws(Failure) {
            guard depth <= maximumDepth else { throw fail("nested too deeply") }
            skipSpace()
            guard let byte = peek else { throw fail("expected a value") }
            switch byte {
            case UInt8(ascii: "\""):
                _ = try readString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                index += 1
                skipSpace()
                if peek == close {
                    index += 1
                    return
                }
                while true {
                    skipSpace()
                    if close == UInt8(ascii: "}") {
                        guard peek == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
                        _ = try readString()
                        skipSpace()
                        guard peek == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
                        index += 1
                    }
                    try skipValue(depth: depth + 1)
                    skipSpace()
                    if peek == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard peek == close else { throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
                    index += 1
                    return
                }
            case UInt8(ascii: "t"): try expectWord("true")
            case UInt8(ascii: "f"): try expectWord("false")
            case UInt8(ascii: "n"): try expectWord("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try skipNumber()
            default:
                throw fail("unexpected character")
            }
        }

        private mutating func expectWord(_ word: String) throws(Failure) {
            for expected in word.utf8 {
                guard peek == expected else { throw fail("expected \(word)") }
                index += 1
            }
        }

        private mutating func skipNumber() throws(Failure) {
            if peek == UInt8(ascii: "-") { index += 1 }
            guard let first = peek, first >= 0x30, first <= 0x39 else { throw fail("expected a digit") }
            if first == 0x30 {
                index += 1
            } else {
                while let digit = peek, digit >= 0x30, digit <= 0x39 { index += 1 }
            }
            if peek == UInt8(ascii: ".") {
                index += 1
                guard let digit = peek, digit >= 0x30, digit <= 0x39 else { throw fail("expected a digit after '.'") }
                while let digit = peek, digit >= 0x30, digit <= 0x39 { index += 1 }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                index += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
                guard let digit = peek, digit >= 0x30, digit <= 0x39 else { throw fail("expected an exponent") }
                while let digit = peek, digit >= 0x30, digit <= 0x39 { index += 1 }
            }
        }

        /// Reads a string starting at its opening quote, decoding escapes.
        private mutating func readString() throws(Failure) -> String {
            index += 1
            var decoded: [UInt8] = []
            while true {
                guard let byte = peek else { throw fail("unterminated string") }
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: decoded, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let escaped = peek else { throw fail("unterminated escape") }
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escaped)
                    case UInt8(ascii: "b"): decoded.append(0x08)
                    case UInt8(ascii: "f"): decoded.append(0x0C)
                    case UInt8(ascii: "n"): decoded.append(0x0A)
                    case UInt8(ascii: "r"): decoded.append(0x0D)
                    case UInt8(ascii: "t"): decoded.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try readHexQuad()
                        if (0xD800..<0xDC00).contains(scalar), peek == UInt8(ascii: "\\"),
                           index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") {
                            index += 2
                            let low = try readHexQuad()
                            if (0xDC00..<0xE000).contains(low) {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                decoded.append(contentsOf: String(Character(Unicode.Scalar(0xFFFD)!)).utf8)
                                scalar = low
                            }
                        }
                        let character = Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}"
                        decoded.append(contentsOf: String(character).utf8)
                    default:
                        throw fail("unknown escape \\\(Character(Unicode.Scalar(escaped)))")
                    }
                case 0..<0x20:
                    throw fail("control character inside a string")
                default:
                    decoded.append(byte)
                }
            }
        }

        private mutating func readHexQuad() throws(Failure) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = peek else { throw fail("short \\u escape") }
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
                default: throw fail("bad \\u escape")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
    }
}
