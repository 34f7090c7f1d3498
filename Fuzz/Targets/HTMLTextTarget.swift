import Foundation
import Model
import Parsing

// libFuzzer target: any bytes as HTML, through the fragment extractor (as feed bodies are read),
// the byte extractor with a guessed charset, and the page parser (as web pages are read).
// The plain text must be trimmed lines without empty ones; page blocks must have keys.

let pageURL = URL(string: "https://fuzz.example/forum/thread/1")!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(UnsafeRawBufferPointer(start: start, count: count))
    let extractor = HTMLTextExtractor()
    let fromString = extractor.text(fromHTML: String(decoding: data, as: UTF8.self))
    let fromBytes = extractor.text(fromHTML: data, encoding: count % 2 == 0 ? nil : "windows-1252")
    for text in [fromString, fromBytes] where !text.isEmpty {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            precondition(!line.isEmpty, "an empty line in: \(text.debugDescription)")
            precondition(line == line.trimmingCharacters(in: .whitespaces), "an untrimmed line: \(line.debugDescription)")
        }
    }
    let page = PageParser().parse(data, baseURL: pageURL, contentType: "text/html; charset=utf-8")
    for block in page.blocks {
        precondition(!block.key.rawValue.isEmpty, "a block without a key")
        precondition(!block.text.isEmpty || !block.title.isEmpty, "an empty block")
    }
    return 0
}
