import Recipes
import Testing

@Suite struct SearchQueryBuilderTests {
    /// One engine's syntax for the same terms.
    struct EngineCase: CustomTestStringConvertible, Sendable {
        let engine: SearchEngine
        let names: String
        let aliasesBesideTown: String
        var testDescription: String { engine.displayName }
    }

    static let terms = SearchTerms(
        names: ["Hollin Brook Academy", "Hollin Brook School"],
        ambiguousAliases: ["Hollin Brook", "HBA"],
        place: "Aireby",
        exclusionPhrases: ["Hollin Brook Road", "HBA Engineering", "Aireby Rovers"]
    )

    @Test(arguments: [
        EngineCase(engine: .googleNews,
                   names: #""Hollin Brook Academy" OR "Hollin Brook School""#,
                   aliasesBesideTown: #"("Hollin Brook" OR "HBA") "Aireby" -"Hollin Brook Road" -"HBA Engineering""#),
        EngineCase(engine: .bingNews,
                   names: #""Hollin Brook Academy" OR "Hollin Brook School""#,
                   aliasesBesideTown: #"("Hollin Brook" OR "HBA") "Aireby" -"Hollin Brook Road" -"HBA Engineering""#),
        EngineCase(engine: .reddit,
                   names: #""Hollin Brook Academy" OR "Hollin Brook School""#,
                   aliasesBesideTown: #"("Hollin Brook" OR "HBA") "Aireby" NOT "Hollin Brook Road" NOT "HBA Engineering""#),
    ])
    func namesAreQuotedAndAliasesSearchedBesideTheTownWithTheExclusionsThatConcernThem(_ example: EngineCase) {
        let queries = SearchQueryBuilder(engine: example.engine).queries(for: Self.terms)
        #expect(queries == [example.names, example.aliasesBesideTown])
    }

    @Test func withoutATownAmbiguousAliasesAreNotSearchedAlone() {
        var terms = Self.terms
        terms.place = nil
        #expect(SearchQueryBuilder(engine: .googleNews).queries(for: terms) == [#""Hollin Brook Academy" OR "Hollin Brook School""#])
    }

    @Test func aSingleNameHasNoParenthesesAndCarriesOnlyItsOwnExclusions() {
        let terms = SearchTerms(names: ["Millbrook"], exclusionPhrases: ["Millbrook Road", "millbrook  fc", "Ashcombe Road"])
        #expect(SearchQueryBuilder(engine: .bingNews).queries(for: terms) == [#""Millbrook" -"Millbrook Road" -"millbrook fc""#])
    }

    @Test func quotesInsideATermCannotBreakTheQueryAndRepeatsAreDropped() {
        let terms = SearchTerms(names: [#"The "Brook" Academy"#, "the \"brook\"  academy", "  "], ambiguousAliases: ["The Brook Academy"],
                                place: "Aireby")
        #expect(SearchQueryBuilder(engine: .googleNews).queries(for: terms) == [#""The Brook Academy""#])
    }

    @Test func longNameListsAreSplitWithinGooglesThirtyTwoWords() {
        let names = (1...12).map { "Hollin Brook Academy Campus \($0)" }
        let queries = SearchQueryBuilder(engine: .googleNews).queries(for: SearchTerms(names: names))
        #expect(queries.count > 1)
        for query in queries {
            #expect(query.split(separator: " ").count <= 32, "\(query)")
        }
        let searched = queries.flatMap { $0.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) } }
        #expect(searched == names, "every name is searched once, in order")
    }

    @Test func longNameListsAreSplitWithinBingsTenTerms() {
        let names = ["Hollin Brook Academy", "Hollin Brook Sixth Form", "Hollin Brook Academy Trust", "HBA Sixth Form College"]
        let queries = SearchQueryBuilder(engine: .bingNews).queries(for: SearchTerms(names: names))
        #expect(queries == [
            #""Hollin Brook Academy" OR "Hollin Brook Sixth Form""#,
            #""Hollin Brook Academy Trust" OR "HBA Sixth Form College""#,
        ])
        #expect(SearchEngine.LengthLimit.terms(10).allows(queries[1]), "OR is an operator, not a term")
        #expect(!SearchEngine.LengthLimit.terms(10).allows(queries[0] + " " + #"-"Aireby Rovers Football Club""#))
    }

    @Test func longNameListsAreSplitWithinRedditsFiveHundredAndTwelveCharacters() {
        let names = (1...40).map { "Hollin Brook Academy Sixth Form Centre \($0)" }
        let queries = SearchQueryBuilder(engine: .reddit).queries(for: SearchTerms(names: names, exclusionPhrases: ["Hollin Brook Academy Sixth Form Centre 1 Car Park"]))
        #expect(queries.count > 1)
        #expect(queries.allSatisfy { $0.count <= 512 })
        #expect(queries[0].hasSuffix(#"NOT "Hollin Brook Academy Sixth Form Centre 1 Car Park""#))
        #expect(queries.dropFirst().allSatisfy { !$0.contains("NOT") }, "the exclusion concerns only the first query's terms")
    }

    @Test func exclusionsThatCannotFitBesideASingleNameAreLeftToEarshotsOwnMatching() {
        let exclusions = (1...12).map { "Hollin Brook Road Number \($0)" }
        let queries = SearchQueryBuilder(engine: .googleNews).queries(for: SearchTerms(names: ["Hollin Brook"], exclusionPhrases: exclusions))
        #expect(queries.count == 1)
        #expect(queries[0].split(separator: " ").count <= 32)
        #expect(queries[0].hasPrefix(#""Hollin Brook" -"Hollin Brook Road Number 1" -"Hollin Brook Road Number 2""#))
        #expect(!queries[0].contains("Number 12"))
    }

    @Test func nothingToSearchForGivesNoQueries() {
        #expect(SearchQueryBuilder(engine: .reddit).queries(for: SearchTerms(names: [], ambiguousAliases: ["HBA"])).isEmpty)
    }
}
