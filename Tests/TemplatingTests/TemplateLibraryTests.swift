import Foundation
import Testing
@testable import Templating

/// Templates render every value escaped as markup, partials included, and a template that could
/// do otherwise is refused as it loads.
@Suite struct TemplateLibraryTests {
    struct Post {
        var title: String
        var author: String
    }

    func library(_ folder: String) throws -> TemplateLibrary {
        try TemplateLibrary(bundle: .module, folder: "Fixtures/\(folder)")
    }

    @Test func loadsEveryTemplateOfTheFolderUnderItsName() throws {
        #expect(try library("Declared").names == ["byline", "post"])
    }

    /// A quote or angle bracket followed by a combining mark is one Character, which escaping by
    /// Characters would let through, ending the attribute it stands in.
    @Test func escapesMarkupCharactersEvenWithACombiningMarkAfterThem() throws {
        let html = try library("Declared").render(Post(title: "\"\u{301} onmouseover=alert(1) x=\"", author: "<\u{338}script>"), with: "post")
        #expect(html.contains("title=\"&quot;\u{301} onmouseover=alert(1) x=&quot;\""))
        #expect(html.contains("data-name=\"&lt;\u{338}script&gt;\""))
        // No bare "<" before the combining long solidus (U+0338, CC B8 in UTF-8).
        #expect(Array(html.utf8).firstRange(of: [0x3C, 0xCC, 0xB8]) == nil)
    }

    @Test func showsDirectionControlsAsReplacementCharactersInPartialsToo() throws {
        let html = try library("Declared").render(Post(title: "Head\u{202E}txet", author: "Sam\u{2066}Reid\u{2069}"), with: "post")
        #expect(html.contains("Head\u{FFFD}txet") && html.contains("Sam\u{FFFD}Reid\u{FFFD}"))
        #expect(!html.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
    }

    @Test(arguments: [("Undeclared", "does not start with"), ("Unescaped", "writes a value unescaped")])
    func refusesATemplateThatCouldLeaveAValueUnescaped(folder: String, reason: String) {
        #expect { try library(folder) } throws: { error in
            (error as? TemplateError).map { $0.template == "post" && $0.reason.contains(reason) } ?? false
        }
    }

    @Test func namesAMissingFolderOrTemplate() throws {
        #expect(throws: TemplateError.self) { try library("Absent") }
        #expect(throws: TemplateError.self) { try library("Declared").render(Post(title: "", author: ""), with: "absent") }
    }
}
