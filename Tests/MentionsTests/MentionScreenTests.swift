@testable import Mentions
import Testing

/// The byte screen in front of the mention finder: it may let through passages without a
/// mention, but never stops one that has a mention.
@Suite struct MentionScreenTests {
    let screen = MentionScreen(runs: ["millbrook", "academy", "millbrookacademy", "millbrookproud", "millbrook_acad", "mary's"])

    @Test(arguments: [
        "Great result for Millbrook Academy today", "MILLBROOK's new hall", "Millbrook’s new hall", "#Millbrook_Proud",
        "#millbrookproud!", "@Millbrook_Acad hi", "see https://www.millbrook-academy.example/news", "St Marys", "St Mary's",
        "Millbróok", "Ωmega school",
    ])
    func passagesThatMayNameTheSchoolPass(_ text: String) {
        #expect(screen.mayMention(text))
    }

    @Test(arguments: ["", "The bus was late again 😡", "Sports day is on Friday!", "mill brook", "Millbrooke", "academ y", "@someone_else"])
    func passagesWithoutAnyRunOfTheProfileAreStopped(_ text: String) {
        #expect(!screen.mayMention(text))
    }
}
