@testable import Mentions
import Testing

@Suite struct TokenAutomatonTests {
    private func matches(_ patterns: [[String]], _ text: [String?]) -> Set<TokenAutomaton.Match> {
        Set(TokenAutomaton(patterns: patterns).matches(in: text))
    }

    @Test func findsOverlappingAndNestedPatternsInOnePass() {
        let found = matches([["a", "b"], ["b", "c"], ["b"], ["a", "b", "c", "d"]], ["x", "a", "b", "c", "d"])
        #expect(found == [
            .init(pattern: 0, tokenStart: 1, tokenEnd: 3),
            .init(pattern: 2, tokenStart: 2, tokenEnd: 3),
            .init(pattern: 1, tokenStart: 2, tokenEnd: 4),
            .init(pattern: 3, tokenStart: 1, tokenEnd: 5),
        ])
    }

    @Test func followsFailureLinksAfterAPartialMatch() {
        // "a a b": the first "a" starts a pattern that fails; the second must still match.
        let found = matches([["a", "b"]], ["a", "a", "b"])
        #expect(found == [.init(pattern: 0, tokenStart: 1, tokenEnd: 3)])
    }

    @Test func suffixPatternIsFoundThroughFailureLink() {
        let found = matches([["x", "y", "z"], ["y", "z", "w"]], ["x", "y", "z", "w"])
        #expect(found == [.init(pattern: 0, tokenStart: 0, tokenEnd: 3), .init(pattern: 1, tokenStart: 1, tokenEnd: 4)])
    }

    @Test func nonWordTokenBreaksAPattern() {
        #expect(matches([["a", "b"]], ["a", nil, "b"]).isEmpty)
        #expect(matches([["a", "b"]], ["a", "unknown", "b"]).isEmpty)
    }

    @Test func repeatedOccurrencesAreAllReported() {
        let found = matches([["a"]], ["a", "b", "a"])
        #expect(found == [.init(pattern: 0, tokenStart: 0, tokenEnd: 1), .init(pattern: 0, tokenStart: 2, tokenEnd: 3)])
    }

    @Test func duplicatePatternsBothMatch() {
        let found = matches([["a", "b"], ["a", "b"]], ["a", "b"])
        #expect(found.map(\.pattern).sorted() == [0, 1])
    }

    @Test func emptyPatternNeverMatches() {
        #expect(matches([[]], ["a"]).isEmpty)
    }
}
