import Foundation
import Testing
@testable import Mailing

/// A subject line with a name for the test report.
struct SubjectSample: CustomTestStringConvertible, Sendable {
    let name: String
    let text: String
    var testDescription: String { name }

    static let encoded: [SubjectSample] = [
        SubjectSample(name: "one accented letter", text: "Café opening at St Mary’s"),
        SubjectSample(name: "long Welsh", text: String(repeating: "Adroddiad dyddiol: ŵyl yr ysgol a’r sylwadau ar y cyfryngau cymdeithasol. ", count: 4).trimmingCharacters(in: .whitespaces)),
        SubjectSample(name: "long Japanese", text: String(repeating: "学校についての新しい投稿", count: 12)),
        SubjectSample(name: "emoji with joiners", text: String(repeating: "👨‍👩‍👧‍👦🇬🇧", count: 15)),
        SubjectSample(name: "encoded-word lookalike", text: "Please read =?utf-8?B?aGk=?= carefully"),
        SubjectSample(name: "four-byte scalars only", text: String(repeating: "𝕊", count: 50)),
    ]
}

@Suite("HeaderFieldWriter")
struct HeaderFieldWriterTests {
    private func subjectField(_ text: String) -> String {
        var writer = HeaderFieldWriter(name: "Subject")
        writer.appendUnstructured(text)
        return writer.field
    }

    @Test("Non-ASCII subjects become encoded-words of at most 75 characters on lines of at most 76",
          arguments: SubjectSample.encoded)
    func encodedSubjectsRespectRFC2047Limits(sample: SubjectSample) throws {
        let field = subjectField(sample.text)
        let lines = field.components(separatedBy: "\r\n")
        for line in lines {
            #expect(line.utf8.count <= 76, "line of \(line.utf8.count): \(line)")
            #expect(line.utf8.allSatisfy { (32...126).contains($0) })
        }
        for line in lines.dropFirst() { #expect(line.hasPrefix(" ")) }
        let value = String(field.dropFirst("Subject:".count)).replacingOccurrences(of: "\r\n ", with: " ")
        let words = MailText.encodedWords(in: value)
        #expect(!words.isEmpty)
        for word in words {
            #expect(word.utf8.count <= 75)
            // Each word holds whole characters: it decodes as valid UTF-8 on its own.
            #expect(MailText.decodeEncodedWord(word) != nil, "\(word) does not decode alone")
        }
        #expect(MailText.decodeHeader(value.trimmingCharacters(in: .whitespaces)) == sample.text)
    }

    @Test("A plain ASCII subject stays readable and folds at spaces")
    func asciiSubjectFoldsAtSpaces() {
        let text = String(repeating: "Weekly reputation digest for the governors ", count: 4).trimmingCharacters(in: .whitespaces)
        let field = subjectField(text)
        #expect(!field.contains("=?"))
        let lines = field.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        for line in lines { #expect(line.utf8.count <= 76) }
        #expect(field.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + text)
    }

    @Test("Line breaks, tabs and control characters in a value become single spaces")
    func controlCharactersBecomeSpaces() {
        #expect(subjectField("Hello\r\nBcc: victim@example.org") == "Subject: Hello Bcc: victim@example.org")
        #expect(subjectField("a\tb\u{0}c\u{7F}d\n\n\ne") == "Subject: a b c d e")
        #expect(subjectField("  padded  ") == "Subject: padded")
    }

    @Test("Line breaks in a non-ASCII value never reach the encoded text either")
    func lineBreaksAreRemovedBeforeEncoding() {
        let field = subjectField("Zoë\r\nBcc: x@example.org")
        let value = String(field.dropFirst("Subject:".count)).replacingOccurrences(of: "\r\n ", with: " ")
        #expect(MailText.decodeHeader(value.trimmingCharacters(in: .whitespaces)) == "Zoë Bcc: x@example.org")
    }

    @Test("Display names of atoms are written as they are", arguments: ["Head Teacher", "Office", "O'Brien-Smith"])
    func plainDisplayNames(name: String) {
        var writer = HeaderFieldWriter(name: "From")
        writer.appendPhrase(name)
        #expect(writer.field == "From: " + name)
    }

    @Test("Display names with specials or non-ASCII are encoded",
          arguments: ["Smith, John", "\"Quoted\"", "Evil <x@y>", "J. Smith", "Zoë Ó Súilleabháin", "a;b", "=?x?"])
    func encodedDisplayNames(name: String) {
        var writer = HeaderFieldWriter(name: "From")
        writer.appendPhrase(name)
        let value = String(writer.field.dropFirst("From: ".count))
        #expect(value.hasPrefix("=?utf-8?B?"))
        #expect(MailText.decodeHeader(value.replacingOccurrences(of: "\r\n ", with: " ")) == name)
    }

    @Test("Words that do not fit move to the next line")
    func wordsFold() {
        var writer = HeaderFieldWriter(name: "To")
        for index in 0..<6 { writer.appendWord("<person\(index)@governors.school.example>,") }
        let lines = writer.field.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        for line in lines { #expect(line.utf8.count <= 76) }
    }
}
