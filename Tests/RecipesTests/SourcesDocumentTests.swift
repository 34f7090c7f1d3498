import Foundation
import Recipes
import TestSupport
import Testing

/// docs/sources.md writes down every recipe's address template and limits as the code has them.
@Suite struct SourcesDocumentTests {
    let document: String

    init() throws {
        document = try String(contentsOf: packageRoot.appendingPathComponent("docs/sources.md"), encoding: .utf8)
    }

    @Test func everyAddressTemplateIsWrittenDown() {
        var templates = SearchEngine.allCases.map(\.urlTemplate) + [RecipeBook.mastodonTemplate, RecipeBook.youtubeTemplate]
        for software in Bridge.Software.allCases {
            templates += Bridge.Network.allCases.map { Bridge.urlTemplate(software: software, network: $0) }
        }
        for template in templates {
            #expect(document.contains("`\(template)`"), "\(template)")
        }
    }

    @Test func everyRecipeHasARowWithItsInterval() throws {
        for kind in RecipeKind.allCases {
            let row = try #require(document.split(separator: "\n").first { $0.hasPrefix("| `\(kind.rawValue)` |") }, "\(kind.rawValue)")
            if let interval = kind.defaultInterval {
                let minutes = interval.components.seconds / 60
                #expect(row.contains(minutes < 60 ? "\(minutes) min" : "\(minutes / 60) h"), "\(row)")
            } else {
                #expect(row.contains("`[feeds] default_interval`"))
            }
        }
    }
}
