import Foundation
@testable import Mentions
import Model
import Testing

/// The byte screen in front of the mention finder: the finder's answers with it must be the
/// same as without it, and it must stop passages that cannot name the school.
@Suite struct MentionScreenTests {
    let finder = MentionFinder(profile: SchoolProfile(
        names: ["Millbrook Academy", "St Mary's Primary", "O'Neill College"],
        ambiguousAliases: ["Millbrook", "MBA"],
        hashtags: ["#Millbrook_Proud"],
        handles: ["@Millbrook_Acad", "@millbrook.sixth"],
        domains: ["millbrook-academy.example"],
        contextWords: ["school", "pupils"],
        exclusionPhrases: ["Millbrook Road"]
    ))

    /// Passages written to sit on every edge of the screen: possessives and inner apostrophes next
    /// to underscores, CamelCase and run-together names, handles, domains, accents, curly
    /// apostrophes, '&', and words that only look alike.
    static let edgePassages = [
        "Great result for Millbrook Academy today", "MILLBROOK's new hall, say pupils", "Millbrook’s new hall (school news)",
        "#Millbrook_Proud", "#millbrookproud!", "#MillbrookAcademy rocks", "#GoMillbrookAcademy", "@Millbrook_Acad hi",
        "@millbrook.sixth replied", "@MILLBROOK_ACAD's post", "see https://www.millbrook-academy.example/news",
        "mail office@millbrook-academy.example", "St Marys Primary fair", "St Mary's Primary fair", "St Mary’s Primary",
        "x_O'Neill College", "O'Neill_fans of O'Neill College", "ONeill College", "O’Neill College’s open day",
        "Millbróok Académy", "MíllbrookAcademy", "MillbrookAcademy's pupils", "millbrook-academy pupils", "MBA pupils",
        "MBA programme", "Millbrook Road school", "the mill brook", "Millbrooke school", "academ y", "@someone_else",
        "Ωmega school", "MillbrookAcademy_", "_millbrook_ school", "millbrook__academy pupils", "a'millbrook school",
        "Millbrook Academy & school", "", "The bus was late again 😡",
    ]

    @Test(arguments: edgePassages)
    func theScreenNeverChangesTheFindersAnswer(_ text: String) {
        for aboutSchool in [false, true] {
            #expect(finder.reading(of: text, sourceIsAboutSchool: aboutSchool)
                == finder.unscreenedReading(of: text, sourceIsAboutSchool: aboutSchool))
        }
    }

    @Test func theScreenAgreesWithTheFinderOnEveryBundledSamplePassage() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../feeds/samples")
        let files = try FileManager.default.contentsOfDirectory(at: samples, includingPropertiesForKeys: nil)
        var passages = 0
        for file in files {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            for line in text.split(whereSeparator: \.isNewline) {
                passages += 1
                let line = String(line)
                #expect(finder.reading(of: line, sourceIsAboutSchool: false)
                    == finder.unscreenedReading(of: line, sourceIsAboutSchool: false), "\(line)")
            }
        }
        #expect(passages > 1000)
    }

    @Test(arguments: [
        "", "The bus was late again 😡", "Sports day is on Friday!", "the mill brook", "Millbrooke", "academ y",
        "@someone_else", "pupils at the school", "Millbrookes Road",
    ])
    func passagesWithoutAnyRunOfANameAreStopped(_ text: String) {
        let screen = MentionScreen(runs: ["millbrook", "academy", "millbrookacademy", "oneill", "millbrook_acad"])
        #expect(!screen.mayMention(text))
    }

    @Test(arguments: ["Millbrook", "x_O'Neill", "O'Neill_fans", "@Millbrook_Acad's", "Millbrook’s", "Millbróok"])
    func passagesHoldingARunMayMention(_ text: String) {
        let screen = MentionScreen(runs: ["millbrook", "academy", "millbrookacademy", "oneill", "millbrook_acad"])
        #expect(screen.mayMention(text))
    }
}
