import Foundation
import Recipes

/// The commented starter files that `earshot init` writes: an example school's, or one filled in
/// from a school's name with the sources its recipes make.
public enum StarterFiles {
    /// A starter `earshot.toml` for an example school, every setting explained.
    public static let configuration = configuration(
        schoolSection: exampleSchoolSection, schoolName: "Example Community School", recipes: RecipeSettings(),
        loopbackReason: nil)

    /// A starter `earshot.toml` for a school: its names, aliases, hashtags, handles, domain and
    /// town filled in, every other setting explained.
    /// - Parameters:
    ///   - profile: what the school is called and where it is.
    ///   - recipes: the recipes' addresses; those that differ from the standard ones are written out.
    ///   - loopbackReason: why fetching from this machine must be allowed (a bridge running on it),
    ///     or nil to refuse it as usual.
    public static func configuration(for profile: StarterProfile, recipes: RecipeSettings, loopbackReason: String?) -> String {
        configuration(schoolSection: schoolSection(for: profile), schoolName: profile.names.first ?? "", recipes: recipes,
                      loopbackReason: loopbackReason)
    }

    private static let exampleSchoolSection = #"""
        [school]
        # Names that always mean your school.
        names = ["Example Community School"]
        # Short names that are also ordinary words (an acronym, a place, a stream). They count only when
        # a context word is near, or in a feed marked earshotAboutSchool="true" in the OPML file.
        ambiguous_aliases = ["ECS"]
        hashtags = ["ExampleCommunitySchool"]
        handles = ["@ExampleSchool"]
        domains = ["example-school.example"]
        # Where the school is: a context word too, and the place searches look for ambiguous aliases beside.
        # town = "Exampleton"
        context_words = ["school", "pupils", "students", "teacher", "headteacher", "parents", "ofsted", "uniform", "year 7"]
        # Phrases that mean something else; an alias inside one of these never counts.
        exclusion_phrases = ["ECS Engineering"]
        # How many words either side of an ambiguous alias to look for a context word.
        context_window = 12
        """#

    private static func schoolSection(for profile: StarterProfile) -> String {
        let exclusionExample = profile.suggestedExclusion.map { " such as " + TOMLText.string($0) } ?? ""
        return #"""
            [school]
            # Names that always mean your school.
            names = \#(TOMLText.array(profile.names))
            # Short names that are also ordinary words (an acronym, a place, a stream). They count only when
            # a context word is near, or in a feed marked earshotAboutSchool="true" in the OPML file.
            ambiguous_aliases = \#(TOMLText.array(profile.ambiguousAliases))
            hashtags = \#(TOMLText.array(profile.hashtags))
            # The school's own accounts, such as "@YourSchool": their posts are the school speaking, never a case.
            handles = \#(TOMLText.array(profile.handles))
            domains = \#(TOMLText.array(profile.domains))
            # Where the school is: a context word too, and the place searches look for ambiguous aliases beside.
            \#(profile.town.map { "town = " + TOMLText.string($0) } ?? "# town = \"Your town\"")
            # Words or phrases that show a passage is about your school, besides the standard ones
            # (school, pupils, parents, ofsted, year 7…), such as a nickname of the school or its streets.
            context_words = []
            # Phrases that contain a name or alias but mean something else\#(exclusionExample): an
            # alias inside one never counts, and the searches leave them out.
            exclusion_phrases = []
            # How many words either side of an ambiguous alias to look for a context word.
            context_window = 12
            """#
    }

    private static func recipesSection(_ recipes: RecipeSettings) -> String {
        func line(_ key: String, _ value: String, standard: String) -> String {
            (value == standard ? "# " : "") + "\(key) = " + TOMLText.string(value)
        }
        let standard = RecipeSettings()
        let bridge = recipes.bridge.map { bridge in
            "base_url = \(TOMLText.string(bridge.baseURL.absoluteString))\nkind = \(TOMLText.string(bridge.software.rawValue))"
        } ?? "# base_url = \"https://bridge.example-school.example/\"\n# kind = \"rss-bridge\"   # or \"rsshub\""
        return #"""
            # Where the feeds of `earshot feeds add RECIPE` come from (docs/sources.md lists every recipe).
            [recipes]
            # Mastodon servers whose hashtag feeds are read; each sees only the posts that have reached it.
            mastodon_instances = \#(TOMLText.array(recipes.mastodonInstances.map(\.absoluteString)))
            # Change these only to go through a mirror.
            \#(line("google_news", recipes.base(of: .googleNews).absoluteString, standard: standard.base(of: .googleNews).absoluteString))
            \#(line("bing_news", recipes.base(of: .bingNews).absoluteString, standard: standard.base(of: .bingNews).absoluteString))
            \#(line("reddit", recipes.base(of: .reddit).absoluteString, standard: standard.base(of: .reddit).absoluteString))
            \#(line("youtube", recipes.youtube.absoluteString, standard: standard.youtube.absoluteString))

            # A feed bridge the school runs itself (RSS-Bridge or RSSHub), for public Facebook pages and X,
            # Instagram and TikTok accounts: `earshot feeds add bridge facebook PAGE`. Earshot only reads the
            # bridge's feeds; signing in to a network, where a route needs it, is the bridge's own setting.
            [bridges]
            \#(bridge)
            """#
    }

    private static func configuration(
        schoolSection: String, schoolName: String, recipes: RecipeSettings, loopbackReason: String?
    ) -> String {
        let loopbackLine = loopbackReason.map { "allow_loopback = true   # \($0)" } ?? "allow_loopback = false"
        return #"""
            # Earshot configuration.
            # Earshot watches public feeds and pages for posts about your school and opens a case for each
            # one that needs a response under your social media policy. Relative paths below are read from
            # the folder this file is in.

            \#(schoolSection)

            [calendar]
            time_zone = "Europe/London"
            working_days = ["monday", "tuesday", "wednesday", "thursday", "friday"]
            working_hours_start = "08:00"
            # The close of each working day: posts received at a weekend or on a bank holiday are due then.
            working_hours_end = "17:00"
            # "bundled" (England and Wales), "none", or the path of a file in the gov.uk bank-holidays JSON format.
            bank_holidays = "bundled"
            bank_holiday_division = "england-and-wales"
            # By default a post received on a working day is due 24 hours later even if that is a weekend.
            # Set this to move such deadlines to the close of the next working day instead.
            move_deadlines_off_non_working_days = false

            # Who may be told about cases. Every owner role below needs at least one address.
            [roles]
            dsl = ["dsl@example-school.example"]
            slt = ["head@example-school.example"]
            communications = ["office@example-school.example"]
            moderator = ["office@example-school.example"]

            # Routing per concern overrides the policy's defaults (see the README for the table).
            # Concerns: safeguarding, bullying, offensive, discrimination, defamation, dataProtection,
            # complaint, question, pressEnquiry, praise.
            # response_time: "policy day" (24 hours, or the next working day's close if received on a
            # non-working day), "asap 1h" (any duration, weekends included), or hours such as "48h".
            [response.praise]
            owner = "communications"
            response_time = "policy day"
            needs_approval = false
            alert_at_once = false
            opens_case = true

            [replies]
            # How replies are signed; the draft check asks for this text in every reply.
            signature = \#(TOMLText.string("The communications team, " + schoolName))
            # Where replies ask people to get in touch.
            contact = "office@example-school.example"
            # Children whose names must never appear in a public reply.
            protected_names = []
            # Words that mark confidential matters, added to the built-in list.
            confidential_terms = []
            # A folder of your own reply templates (<concern>.<audience>.txt) replacing the bundled ones.
            # templates = "templates"

            [cases]
            # A new post by the same author within this time joins their open case.
            join_window = "72h"

            [scan]
            # A source's first read returns its history. Posts published more than this long before a
            # source was first read are stored and counted as history but open no case;
            # `earshot scan --backfill` opens them.
            history_window = "48h"

            [retention]
            # Post text and page snapshots older than this are removed by `earshot purge` (cases and their
            # audit trails stay). Keep it as short as your data protection policy asks.
            post_text = "180d"

            # Email for the digest and instant alerts. Login details come from the environment variables
            # EARSHOT_SMTP_USER and EARSHOT_SMTP_PASSWORD, never from this file.
            # [email]
            # host = "smtp.example-school.example"
            # port = 587
            # security = "starttls"        # or "tls" (port 465), or "none" for a local relay
            # from = "earshot@example-school.example"
            # from_name = "Earshot"
            # digest_to = ["head@example-school.example"]   # default: the slt role
            # instant_alerts = true          # email owners at once about safeguarding, offensive, press… cases

            [storage]
            database = "data/earshot.sqlite"
            reports = "reports"

            [feeds]
            # OPML files listing the feeds (type="rss") and web pages (type="html") to watch.
            opml = ["feeds/feeds.opml"]
            # How often to check a source that does not set earshotInterval in the OPML file.
            default_interval = "30m"

            \#(recipesSection(recipes))

            [fetch]
            # Sent in the User-Agent so that site owners can see who is fetching and why.
            contact_url = "https://example-school.example/about-earshot"
            connect_timeout = "10s"
            timeout = "60s"
            max_body_bytes = 10485760
            max_connections_per_host = 1
            # The least time between two requests to one site (a site's robots.txt Crawl-delay can raise it).
            min_delay_per_host = "1s"
            # robots.txt is read and obeyed; a source it disallows is reported, not fetched.
            obey_robots = true
            # Tries per fetch for timeouts, 429 and 5xx answers, with exponential backoff.
            max_attempts = 3
            # Loopback and private addresses are refused unless allowed here.
            \#(loopbackLine)

            """#
    }

    /// A starter `feeds/feeds.opml` with one example of each kind of source.
    public static let feedList = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head>
            <title>Earshot sources</title>
          </head>
          <body>
            <!-- Feeds: type="rss" for RSS, Atom and JSON Feed alike. -->
            <outline text="Feeds">
              <outline type="rss" text="Local news" xmlUrl="https://news.example/rss"/>
            </outline>
            <!-- Web pages: type="html"; each new block of text on the page is read once. -->
            <outline text="Pages">
              <outline type="html" text="School news page" xmlUrl="https://example-school.example/news"
                       earshotAboutSchool="true" earshotSchoolsOwn="true" earshotInterval="6h"/>
            </outline>
          </body>
        </opml>

        """#
}
