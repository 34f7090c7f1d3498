import Foundation
import Recipes
import Testing

@Suite struct StarterProfileTests {
    @Test func aNameGivesItsHashtagAndItsDistinctivePartAsAnAliasBesideTheTown() {
        let profile = StarterProfile(school: "Hollin Brook Academy", website: URL(string: "https://www.hollinbrook.sch.uk/"), town: " Aireby ")
        #expect(profile.names == ["Hollin Brook Academy"])
        #expect(profile.ambiguousAliases == ["Hollin Brook"])
        #expect(profile.hashtags == ["HollinBrookAcademy"])
        #expect(profile.domains == ["hollinbrook.sch.uk"])
        #expect(profile.town == "Aireby")
        #expect(profile.searchTerms == SearchTerms(names: ["Hollin Brook Academy"], ambiguousAliases: ["Hollin Brook"], place: "Aireby"))
        #expect(profile.suggestedExclusion == "Hollin Brook Road")
    }

    @Test func anAliasThatSaysWhatKindOfSchoolItIsIsANameAndAnyOtherNeedsContext() {
        let profile = StarterProfile(school: "St Mary's C of E Primary School", aliases: ["St Mary's Primary", "SMPS", "st mary's"])
        #expect(profile.names == ["St Mary's C of E Primary School", "St Mary's Primary"])
        #expect(profile.ambiguousAliases == ["St Mary's", "SMPS"])
        #expect(profile.hashtags == ["StMarysCOfEPrimarySchool", "StMarysPrimary"])
    }

    @Test func theTownIsNeverAnAliasOfItself() {
        let profile = StarterProfile(school: "Aireby High School", town: "Aireby")
        #expect(profile.ambiguousAliases.isEmpty)
        #expect(profile.suggestedExclusion == nil)
    }

    @Test func givenHashtagsAndHandlesAreKeptWithOneMark() {
        let profile = StarterProfile(school: "Hollin Brook Academy", hashtags: ["#HBAProud", "HBAProud", "##HollinBrook"],
                                     handles: ["HollinBrookAcad", "@@hollinbrook@schools.social", "@"])
        #expect(profile.hashtags == ["HBAProud", "HollinBrook"])
        #expect(profile.handles == ["@HollinBrookAcad", "@hollinbrook@schools.social"])
        #expect(profile.domains.isEmpty)
    }
}
