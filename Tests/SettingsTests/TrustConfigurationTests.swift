import Foundation
import Mentions
import Model
import Settings
import TestSupport
import Testing
import Workflow

/// `[[school]]` tables and a `[trust]`: several schools in one configuration.
@Suite struct TrustConfigurationTests {
    static let trust = """
    [[school]]
    id = "kingsmead"
    names = ["Kingsmead Academy"]
    ambiguous_aliases = ["Kingsmead"]
    town = "Westvale"
    digest_to = ["governors@kingsmead.example"]

    [school.roles]
    dsl = ["dsl@kingsmead.example"]
    slt = ["head@kingsmead.example"]
    communications = ["office@kingsmead.example"]

    [[school]]
    id = "oakfield"
    names = ["Oakfield High School"]

    [school.roles]
    dsl = ["dsl@oakfield.example"]
    slt = ["head@oakfield.example"]
    communications = ["office@oakfield.example"]

    [school.calendar]
    working_hours_end = "15:30"

    [trust]
    names = ["Westvale Learning Trust"]

    [trust.roles]
    dsl = ["safeguarding@trust.example"]
    slt = ["ceo@trust.example"]
    communications = ["comms@trust.example"]

    [feeds]
    opml = ["feeds.opml"]
    """

    static let feedList = """
    <?xml version="1.0" encoding="UTF-8"?>
    <opml version="2.0"><head><title>t</title></head><body>
      <outline type="rss" text="Local news" xmlUrl="https://news.example/rss"/>
      <outline type="rss" text="Oakfield news" xmlUrl="https://oakfield.example/rss" earshotSchool="oakfield" earshotSchoolsOwn="true"/>
    </body></opml>
    """

    func load(_ configuration: String, feedList: String = feedList) async throws -> Result<EarshotConfiguration, ConfigurationError> {
        try await loadWritten(configuration, feedList: feedList)
    }

    func problem(_ configuration: String, feedList: String = feedList) async throws -> ConfigurationError? {
        guard case .failure(let error) = try await load(configuration, feedList: feedList) else { return nil }
        return error
    }

    @Test func eachSchoolHasItsOwnNamesRolesRecipientsAndCalendar() async throws {
        let configuration = try await load(Self.trust).get()
        #expect(configuration.isTrust)
        #expect(configuration.schools.map(\.id.rawValue) == ["kingsmead", "oakfield"])
        #expect(configuration.everyone.map(\.id) == [SchoolID(rawValue: "kingsmead"), SchoolID(rawValue: "oakfield"), .trust])
        let kingsmead = try #require(configuration.school(SchoolID(rawValue: "kingsmead")))
        #expect(kingsmead.profile.contextWords.contains("Westvale"), "the town is context")
        #expect(kingsmead.digestRecipients == ["governors@kingsmead.example"])
        #expect(kingsmead.roleAddresses[.designatedSafeguardingLead] == ["dsl@kingsmead.example"])
        let oakfield = try #require(configuration.school(SchoolID(rawValue: "oakfield")))
        #expect(oakfield.digestRecipients == ["head@oakfield.example"], "the school's senior leaders by default")
        #expect(oakfield.calendar.workingHoursEnd != configuration.calendar.workingHoursEnd)
        #expect(kingsmead.calendar.workingHoursEnd == configuration.calendar.workingHoursEnd)
        #expect(configuration.trust?.roleAddresses[.designatedSafeguardingLead] == ["safeguarding@trust.example"])
        #expect(configuration.displayName == "Westvale Learning Trust")
        #expect(configuration.sources.map(\.school) == [nil, SchoolID(rawValue: "oakfield")])
    }

    @Test func aSingleSchoolKeepsItsOwnForm() async throws {
        let single = """
        [school]
        names = ["Millbrook Academy"]
        [roles]
        dsl = ["dsl@school.example"]
        slt = ["head@school.example"]
        communications = ["office@school.example"]
        [feeds]
        opml = ["feeds.opml"]
        """
        let plainList = Self.feedList.replacingOccurrences(of: " earshotSchool=\"oakfield\"", with: "")
        let configuration = try await load(single, feedList: plainList).get()
        #expect(!configuration.isTrust && configuration.schools.map(\.id) == [.sole] && configuration.trust == nil)
        let given = try #require(try await problem(single))
        #expect(given.problem.contains("earshotSchool=\"oakfield\" needs [[school]] tables"))
    }

    @Test func mistakesAreNamedWithTheirLine() async throws {
        let noID = try #require(try await problem(Self.trust.replacingOccurrences(of: "id = \"oakfield\"\n", with: "")))
        #expect(noID.problem.contains("needs an id") && noID.line == 14)
        let twice = try #require(try await problem(Self.trust.replacingOccurrences(of: "id = \"oakfield\"", with: "id = \"kingsmead\"")))
        #expect(twice.problem.contains("two schools have the id"))
        let reserved = try #require(try await problem(Self.trust.replacingOccurrences(of: "id = \"oakfield\"", with: "id = \"trust\"")))
        #expect(reserved.problem.contains("not \"trust\""))
        let noDSL = try #require(try await problem(Self.trust.replacingOccurrences(of: "dsl = [\"dsl@oakfield.example\"]\n", with: "")))
        #expect(noDSL.problem.contains("\"dsl\"") && noDSL.problem.contains("school \"oakfield\""))
        let sharedRoles = try #require(try await problem(Self.trust + "\n[roles]\nslt = [\"a@b.example\"]\n"))
        #expect(sharedRoles.problem.contains("[school.roles]"))
        let unknown = try #require(try await problem(Self.trust, feedList: Self.feedList.replacingOccurrences(of: "\"oakfield\" earshot", with: "\"elmwood\" earshot")))
        #expect(unknown.problem.contains("not a school's id"))
        let typo = try #require(try await problem(Self.trust.replacingOccurrences(of: "town = ", with: "twon = ")))
        #expect(typo.problem.contains("unknown key \"twon\"") && typo.line == 5)
    }
}
