import Fetching
import Foundation
import Mentions
import Model
import Parsing
import Recipes
import Scheduling
import Storage
import TOMLKit
import Workflow

/// Reads `earshot.toml` and the OPML files it lists.
public struct ConfigurationLoader: Sendable {
    public init() {}

    /// Loads and checks the whole configuration.
    /// - Parameter environment: where the PostgreSQL password is read from (see `[storage] url`).
    /// - Throws: ``ConfigurationError`` naming the file, line and problem of the first thing wrong.
    public func load(
        from file: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> EarshotConfiguration {
        let file = file.standardizedFileURL
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw ConfigurationError(file: file.path, problem: "no such file; run `earshot init` to write a starter configuration")
        }
        let document = try TOMLDocument(file: file)
        let folder = file.deletingLastPathComponent()
        try document.rejectUnknownKeys(in: [], allowed: [
            "school", "trust", "calendar", "response", "roles", "storage", "feeds", "fetch", "replies", "cases", "retention", "email",
            "scan", "recipes", "bridges",
        ])

        let calendar = try readCalendar(document, folder: folder)
        let routing = try readRouting(document)
        var (schools, trust) = try readSchools(document, calendar: calendar, routing: routing, folder: folder)
        // The installation's own roles: the trust's, or the single school's.
        let roles = (trust ?? schools[0]).roleAddresses

        try document.rejectUnknownKeys(in: ["storage"], allowed: ["database", "url", "lease", "reports"])
        let database = try document.string(["storage", "database"]) ?? "data/earshot.sqlite"
        let reports = try document.string(["storage", "reports"]) ?? "reports"
        let store = try readStore(document, databaseFile: resolve(database, against: folder), environment: environment)
        let lease = try document.duration(["storage", "lease"]) ?? .seconds(120)
        guard lease >= .seconds(3) else {
            throw document.error(at: ["storage", "lease"], "storage.lease must be at least 3s; a scanner renews its leases every third of it")
        }

        try document.rejectUnknownKeys(in: ["feeds"], allowed: ["opml", "default_interval"])
        let feedLists = (try document.strings(["feeds", "opml"]) ?? ["feeds/feeds.opml"]).map { resolve($0, against: folder) }
        let defaultInterval = try document.duration(["feeds", "default_interval"]) ?? .seconds(30 * 60)
        guard defaultInterval >= FetchSchedule.shortestInterval else {
            throw document.error(at: ["feeds", "default_interval"], "feeds.default_interval must be at least 1m")
        }
        let schedule = FetchSchedule(defaultInterval: defaultInterval)
        let sources = try readSources(feedLists, schools: schools, trust: trust)
        let fetchSettings = try readFetchSettings(document)
        var politeness = PolitenessPolicy(maximumRedirects: fetchSettings.maximumRedirects)
        if let delay = try document.duration(["fetch", "min_delay_per_host"]) { politeness.minimumDelayPerHost = delay }
        if let obeys = try document.bool(["fetch", "obey_robots"]) { politeness.obeysRobots = obeys }
        if let attempts = try positive(document, ["fetch", "max_attempts"]) { politeness.maximumAttempts = attempts }

        try document.rejectUnknownKeys(in: ["replies"], allowed: ["signature", "contact", "templates", "protected_names", "confidential_terms"])
        let signature = try document.string(["replies", "signature"]) ?? "The \((trust ?? schools[0]).name) team"
        let contact = try document.string(["replies", "contact"])
            ?? roles[.communications]?.first ?? roles.values.flatMap { $0 }.sorted().first ?? "the school office"
        let draftPolicy = DraftPolicy(
            protectedNames: try document.strings(["replies", "protected_names"]) ?? [],
            confidentialTerms: DraftPolicy.standardConfidentialTerms + (try document.strings(["replies", "confidential_terms"]) ?? []),
            signature: signature
        )
        let templatesFolder = try document.string(["replies", "templates"]).map { resolve($0, against: folder) }
        try document.rejectUnknownKeys(in: ["cases"], allowed: ["join_window"])
        let joinWindow = try document.duration(["cases", "join_window"]) ?? .seconds(72 * 3600)

        try document.rejectUnknownKeys(in: ["scan"], allowed: ["history_window"])
        // What a source holds when first read, published longer ago than this before, is history.
        let historyWindow = try document.duration(["scan", "history_window"]) ?? .seconds(48 * 3600)

        try document.rejectUnknownKeys(in: ["retention"], allowed: ["post_text"])
        let retention = try document.duration(["retention", "post_text"]) ?? .seconds(180 * 86_400)
        guard retention > .zero else {
            throw document.error(at: ["retention", "post_text"], "retention.post_text must be longer than zero; \"0d\" would purge every post")
        }
        let email = try readEmail(document, roles: roles)
        // `[email] digest_to` is the single school's recipients, or the trust digest's unless `[trust]` names its own.
        if let recipients = email?.digestRecipients {
            if schools[0].id == .sole { schools[0].digestRecipients = recipients }
            if try document.strings(["trust", "digest_to"]) == nil { trust?.digestRecipients = recipients }
        }
        let recipes = try readRecipes(document)

        return EarshotConfiguration(
            file: file,
            schools: schools,
            trust: trust,
            calendar: calendar,
            routing: routing,
            movesDeadlinesOffNonWorkingDays: try document.bool(["calendar", "move_deadlines_off_non_working_days"]) ?? false,
            databaseFile: resolve(database, against: folder),
            store: store,
            sourceLease: lease,
            reportsDirectory: resolve(reports, against: folder),
            feedLists: feedLists,
            sources: sources,
            schedule: schedule,
            fetchSettings: fetchSettings,
            politeness: politeness,
            draftPolicy: draftPolicy,
            replySignature: signature,
            replyContact: contact,
            templatesFolder: templatesFolder,
            caseJoinWindow: joinWindow,
            historyWindow: historyWindow,
            postTextRetention: retention,
            email: email,
            recipes: recipes
        )
    }

    /// The keys that describe how a school (or the trust) is named.
    static let profileKeys: Set<String> = ["names", "ambiguous_aliases", "hashtags", "handles", "domains", "context_words",
                                           "exclusion_phrases", "context_window", "town"]

    /// The single `[school]` and its `[roles]`, or each `[[school]]` with its own roles (and
    /// calendar), and the `[trust]`; each school's roles checked to have an address for every
    /// role the routing gives cases to.
    private func readSchools(
        _ document: TOMLDocument, calendar: WorkingCalendar, routing: RoutingPolicy, folder: URL
    ) throws(ConfigurationError) -> (schools: [SchoolSettings], trust: SchoolSettings?) {
        guard document.isArrayOfTables("school") else {
            guard try document.table(["trust"]) == nil else {
                throw document.error(at: ["trust"], "a [trust] needs its schools as [[school]] tables, each with an id")
            }
            guard try document.table(["school"]) != nil else {
                throw ConfigurationError(file: document.file.path, problem: "missing [school] table with at least `names = [\"Your School\"]`")
            }
            try document.rejectUnknownKeys(in: ["school"], allowed: Self.profileKeys)
            let (profile, town) = try readProfile(document, at: ["school"])
            let roles = try readRoles(document, at: ["roles"])
            try checkOwners(of: routing, haveAddressesIn: roles, document, named: "[roles]")
            return ([SchoolSettings(id: .sole, profile: profile, town: town, calendar: calendar, roleAddresses: roles,
                                    digestRecipients: roles[.seniorLeadership] ?? [])], nil)
        }
        guard try document.table(["roles"]) == nil else {
            throw document.error(at: ["roles"], "with [[school]] tables, each school lists its own roles in [school.roles], and the trust in [trust.roles]")
        }
        var schools: [SchoolSettings] = []
        for table in try document.tables(ofArray: "school") {
            try table.rejectUnknownKeys(in: [], allowed: Self.profileKeys.union(["id", "roles", "calendar", "digest_to"]))
            guard let idText = try table.string(["id"]) else {
                throw table.error(at: ["names"], "each [[school]] needs an id, such as id = \"millbrook\"")
            }
            guard SchoolID.isWellFormed(idText), idText != SchoolID.trust.rawValue, idText != SchoolID.sole.rawValue else {
                throw table.error(at: ["id"], "school id \"\(idText)\" must be lower-case letters, digits and hyphens, starting with a letter, and not \"trust\" or \"school\"")
            }
            let id = SchoolID(rawValue: idText)
            guard !schools.contains(where: { $0.id == id }) else { throw table.error(at: ["id"], "two schools have the id \"\(idText)\"") }
            let (profile, town) = try readProfile(table, at: [])
            let ownCalendar = try table.table(["calendar"]) != nil ? try readCalendar(table, folder: folder) : calendar
            let roles = try readRoles(table, at: ["roles"])
            try checkOwners(of: routing, haveAddressesIn: roles, table, named: "the roles of school \"\(idText)\"")
            let recipients = try addresses(table, ["digest_to"]) ?? roles[.seniorLeadership] ?? []
            schools.append(SchoolSettings(id: id, profile: profile, town: town, calendar: ownCalendar, roleAddresses: roles,
                                          digestRecipients: recipients))
        }
        guard try document.table(["trust"]) != nil else { return (schools, nil) }
        try document.rejectUnknownKeys(in: ["trust"], allowed: Self.profileKeys.union(["roles", "digest_to"]))
        let (profile, town) = try readProfile(document, at: ["trust"])
        let roles = try readRoles(document, at: ["trust", "roles"])
        try checkOwners(of: routing, haveAddressesIn: roles, document, named: "[trust.roles]")
        let recipients = try addresses(document, ["trust", "digest_to"]) ?? roles[.seniorLeadership] ?? []
        return (schools, SchoolSettings(id: .trust, profile: profile, town: town, calendar: calendar, roleAddresses: roles,
                                        digestRecipients: recipients))
    }

    /// Refuses roles that leave a concern's owner without an email address.
    private func checkOwners(
        of routing: RoutingPolicy, haveAddressesIn roles: [Role: [String]], _ document: TOMLDocument, named place: String
    ) throws(ConfigurationError) {
        for (concern, rule) in routing.rules.sorted(by: { $0.key < $1.key }) where roles[rule.owner]?.isEmpty != false {
            throw document.error(at: ["roles"], "the owner role \"\(rule.owner)\" of \(concern.rawValue) has no email addresses in \(place)")
        }
    }

    /// A list of email addresses, each checked.
    private func addresses(_ document: TOMLDocument, _ path: [String]) throws(ConfigurationError) -> [String]? {
        guard let list = try document.strings(path) else { return nil }
        for address in list where !Self.looksLikeEmailAddress(address) {
            throw document.error(at: path, "\"\(address)\" is not an email address")
        }
        return list
    }

    /// A school's (or the trust's) names, aliases and other marks from the table at `path`, its
    /// town counted as context for its ambiguous aliases.
    private func readProfile(_ document: TOMLDocument, at path: [String]) throws(ConfigurationError) -> (SchoolProfile, town: String?) {
        let place = path.isEmpty ? "school" : path.joined(separator: ".")
        let names = try document.strings(path + ["names"]) ?? []
        guard !names.isEmpty, names.allSatisfy({ !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw document.error(at: path + ["names"], "\(place).names must list at least one non-empty name")
        }
        let window = try document.int(path + ["context_window"]) ?? SchoolProfile.defaultContextWindow
        guard window > 0 else { throw document.error(at: path + ["context_window"], "\(place).context_window must be at least 1") }
        let town = try document.string(path + ["town"]).map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        var profile = SchoolProfile(
            names: names,
            ambiguousAliases: try document.strings(path + ["ambiguous_aliases"]) ?? [],
            hashtags: try document.strings(path + ["hashtags"]) ?? [],
            handles: try document.strings(path + ["handles"]) ?? [],
            domains: try document.strings(path + ["domains"]) ?? [],
            contextWords: try document.strings(path + ["context_words"]) ?? [],
            exclusionPhrases: try document.strings(path + ["exclusion_phrases"]) ?? [],
            contextWindow: window
        )
        // The town is context for the school's ambiguous aliases, as well as where they are searched for.
        if let town { profile.contextWords.append(town) }
        return (profile, town)
    }

    /// Sources given to a school must name one configured; the school marks of a source every
    /// school shares are the trust's, so a trust configuration needs a `[trust]` for them.
    private func checkSchools(
        of sources: [Source], in list: URL, schools: [SchoolSettings], trust: SchoolSettings?
    ) throws(ConfigurationError) {
        let isTrust = schools[0].id != .sole
        for source in sources {
            if let school = source.school {
                guard isTrust else {
                    throw ConfigurationError(file: list.path, problem: "\(source.title): earshotSchool=\"\(school)\" needs [[school]] tables with ids")
                }
                guard schools.contains(where: { $0.id == school }) else {
                    let known = schools.map(\.id.rawValue).joined(separator: ", ")
                    throw ConfigurationError(file: list.path, problem: "\(source.title): earshotSchool=\"\(school)\" is not a school's id (\(known))")
                }
            } else if isTrust, trust == nil, source.isAboutSchool || source.isSchoolsOwn {
                throw ConfigurationError(
                    file: list.path,
                    problem: "\(source.title): say which school it is about or belongs to with earshotSchool=\"id\" (or add a [trust] table for the trust's own)")
            }
        }
    }

    private func readCalendar(_ document: TOMLDocument, folder: URL) throws(ConfigurationError) -> WorkingCalendar {
        try document.rejectUnknownKeys(in: ["calendar"], allowed: [
            "time_zone", "working_days", "working_hours_start", "working_hours_end", "bank_holidays",
            "bank_holiday_division", "move_deadlines_off_non_working_days",
        ])
        let zoneName = try document.string(["calendar", "time_zone"]) ?? "Europe/London"
        guard let timeZone = TimeZone(identifier: zoneName) else {
            throw document.error(at: ["calendar", "time_zone"], "unknown time zone \"\(zoneName)\" (is the tzdata package installed?)")
        }
        var weekdays = Weekday.mondayToFriday
        if let names = try document.strings(["calendar", "working_days"]) {
            weekdays = []
            for name in names {
                guard let weekday = Weekday(rawValue: name.lowercased()) else {
                    throw document.error(at: ["calendar", "working_days"], "\"\(name)\" is not a weekday name such as \"monday\"")
                }
                weekdays.insert(weekday)
            }
        }
        let start = try timeOfDay(document, ["calendar", "working_hours_start"]) ?? WorkingCalendar.defaultWorkingHoursStart
        let end = try timeOfDay(document, ["calendar", "working_hours_end"]) ?? WorkingCalendar.defaultWorkingHoursEnd
        let holidays = try readBankHolidays(document, folder: folder)
        do {
            return try WorkingCalendar(timeZone: timeZone, workingWeekdays: weekdays, workingHoursStart: start,
                                       workingHoursEnd: end, bankHolidays: holidays)
        } catch {
            throw document.error(at: ["calendar"], "\(error)")
        }
    }

    private func timeOfDay(_ document: TOMLDocument, _ path: [String]) throws(ConfigurationError) -> TimeOfDay? {
        guard let text = try document.string(path) else { return nil }
        do {
            return try TimeOfDay(parsing: text)
        } catch {
            throw document.error(at: path, "\(path.joined(separator: ".")) must be a time such as \"17:00\", not \"\(text)\"")
        }
    }

    private func readBankHolidays(_ document: TOMLDocument, folder: URL) throws(ConfigurationError) -> Set<CalendarDay> {
        let source = try document.string(["calendar", "bank_holidays"]) ?? "bundled"
        let divisionName = try document.string(["calendar", "bank_holiday_division"]) ?? BankHolidays.Division.englandAndWales.rawValue
        guard let division = BankHolidays.Division(rawValue: divisionName) else {
            let known = BankHolidays.Division.allCases.map(\.rawValue).joined(separator: ", ")
            throw document.error(at: ["calendar", "bank_holiday_division"], "unknown division \"\(divisionName)\"; use one of \(known)")
        }
        if source == "none" { return [] }
        if source == "bundled" {
            guard division == .englandAndWales else {
                throw document.error(at: ["calendar", "bank_holidays"],
                                     "the bundled file covers England and Wales only; give the path of a gov.uk bank-holidays JSON file")
            }
            return BankHolidays.bundledEnglandAndWales.withRegularEnglandAndWalesHolidaysAfterTheList().days
        }
        let file = resolve(source, against: folder)
        do {
            let data = try Data(contentsOf: file)
            let listed = try BankHolidays(decoding: data, division: division)
            // Past the list, England and Wales follow a regular pattern; Scotland and Northern
            // Ireland are taken as listed.
            return (division == .englandAndWales ? listed.withRegularEnglandAndWalesHolidaysAfterTheList() : listed).days
        } catch {
            throw document.error(at: ["calendar", "bank_holidays"], "cannot read bank holidays from \(file.path): \(error)")
        }
    }

    private func readRouting(_ document: TOMLDocument) throws(ConfigurationError) -> RoutingPolicy {
        var policy = RoutingPolicy.standard
        try document.rejectUnknownKeys(in: ["response"], allowed: Set(Concern.allCases.map(\.rawValue)))
        for concern in Concern.allCases {
            let path = ["response", concern.rawValue]
            guard try document.table(path) != nil else { continue }
            try document.rejectUnknownKeys(in: path, allowed: ["owner", "response_time", "needs_approval", "alert_at_once", "opens_case"])
            guard var rule = policy[concern] else { continue }
            if let owner = try document.string(path + ["owner"]) { rule.owner = Role(rawValue: owner) }
            if let text = try document.string(path + ["response_time"]) {
                guard let responseTime = Self.parseResponseTime(text) else {
                    throw document.error(at: path + ["response_time"],
                                         "response_time must be \"policy day\", \"asap 1h\" (any duration) or a number of hours up to \(ResponseTime.longestHours) (a year) such as \"48h\", not \"\(text)\"")
                }
                rule.responseTime = responseTime
            }
            if let value = try document.bool(path + ["needs_approval"]) { rule.needsApproval = value }
            if let value = try document.bool(path + ["alert_at_once"]) { rule.shouldAlertAtOnce = value }
            if let value = try document.bool(path + ["opens_case"]) { rule.opensCase = value }
            policy.rules[concern] = rule
        }
        return policy
    }

    /// "policy day", "asap 4h" or "48h".
    static func parseResponseTime(_ text: String) -> ResponseTime? {
        let words = text.lowercased().split(separator: " ").map(String.init)
        if words == ["policy", "day"] { return .policyDay }
        if words.count == 2, words[0] == "asap", let within = TOMLDocument.parseDuration(words[1]) {
            return .asSoonAsPossible(within: within)
        }
        if words.count == 1, words[0].hasSuffix("h"), let hours = Int(words[0].dropLast()), hours > 0,
           hours <= ResponseTime.longestHours {
            return .hours(hours)
        }
        return nil
    }

    private func readRoles(_ document: TOMLDocument, at path: [String]) throws(ConfigurationError) -> [Role: [String]] {
        guard let table = try document.table(path) else { return [:] }
        var roles: [Role: [String]] = [:]
        for name in table.keys {
            roles[Role(rawValue: name)] = try addresses(document, path + [name]) ?? []
        }
        return roles
    }

    static func looksLikeEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: \.isWhitespace)
            && !text.contains("<") && !text.contains(">")
    }

    /// The SQLite file, or the PostgreSQL server `url` names, its password from the environment.
    private func readStore(
        _ document: TOMLDocument, databaseFile: URL, environment: [String: String]
    ) throws(ConfigurationError) -> StoreLocation {
        guard let url = try document.string(["storage", "url"]) else { return .sqlite(path: databaseFile.path) }
        guard try document.string(["storage", "database"]) == nil else {
            throw document.error(at: ["storage", "url"], "give either database (an SQLite file) or url (a PostgreSQL server), not both")
        }
        do {
            return .postgres(try PostgresServer(url: url, password: PostgresServer.password(from: environment)))
        } catch {
            throw document.error(at: ["storage", "url"], "storage.url: \(error.message)")
        }
    }

    private func readEmail(_ document: TOMLDocument, roles: [Role: [String]]) throws(ConfigurationError) -> EmailSettings? {
        guard try document.table(["email"]) != nil else { return nil }
        try document.rejectUnknownKeys(in: ["email"], allowed: [
            "host", "port", "security", "from", "from_name", "digest_to", "instant_alerts", "username", "password",
        ])
        for secret in ["username", "password"] where try document.table(["email"])?[secret] != nil {
            throw document.error(at: ["email", secret],
                                 "login details do not belong in the configuration file; set EARSHOT_SMTP_USER and EARSHOT_SMTP_PASSWORD in the environment")
        }
        guard let host = try document.string(["email", "host"]), !host.isEmpty else {
            throw document.error(at: ["email"], "[email] needs host = \"the mail server\"")
        }
        let securityName = try document.string(["email", "security"]) ?? "starttls"
        guard let security = EmailSettings.Security(rawValue: securityName) else {
            throw document.error(at: ["email", "security"], "security must be starttls, tls or none, not \"\(securityName)\"")
        }
        let port = try document.int(["email", "port"]) ?? (security == .tls ? 465 : (security == .starttls ? 587 : 25))
        guard (1...65535).contains(port) else { throw document.error(at: ["email", "port"], "port must be between 1 and 65535") }
        guard let from = try document.string(["email", "from"]), Self.looksLikeEmailAddress(from) else {
            throw document.error(at: ["email", "from"], "[email] needs from = \"an email address\"")
        }
        let recipients = try document.strings(["email", "digest_to"]) ?? roles[.seniorLeadership] ?? []
        for address in recipients where !Self.looksLikeEmailAddress(address) {
            throw document.error(at: ["email", "digest_to"], "\"\(address)\" is not an email address")
        }
        return EmailSettings(
            host: host, port: port, security: security, fromAddress: from,
            fromName: try document.string(["email", "from_name"]) ?? "Earshot", digestRecipients: recipients,
            sendsInstantAlerts: try document.bool(["email", "instant_alerts"]) ?? true)
    }

    private func readFetchSettings(_ document: TOMLDocument) throws(ConfigurationError) -> FetchSettings {
        try document.rejectUnknownKeys(in: ["fetch"], allowed: [
            "contact_url", "connect_timeout", "timeout", "max_body_bytes", "max_redirects", "max_transfers",
            "max_connections_per_host", "allow_loopback", "allow_private_networks", "min_delay_per_host",
            "obey_robots", "max_attempts", "proxy",
        ])
        var settings = FetchSettings()
        let contact = try document.string(["fetch", "contact_url"]) ?? "https://example.org/earshot"
        guard let contactURL = URL(string: contact), ["http", "https", "mailto"].contains(contactURL.scheme ?? "") else {
            throw document.error(at: ["fetch", "contact_url"], "fetch.contact_url must be an http(s) or mailto URL")
        }
        settings.userAgent = FetchSettings.userAgent(version: EarshotVersion.current, contactURL: contact)
        if let value = try document.duration(["fetch", "connect_timeout"]) { settings.connectTimeout = value }
        if let value = try document.duration(["fetch", "timeout"]) { settings.totalTimeout = value }
        if let value = try positive(document, ["fetch", "max_body_bytes"]) { settings.maximumBodyBytes = value }
        if let value = try document.int(["fetch", "max_redirects"]) { settings.maximumRedirects = max(0, value) }
        if let value = try positive(document, ["fetch", "max_transfers"]) { settings.maximumConcurrentTransfers = value }
        if let value = try positive(document, ["fetch", "max_connections_per_host"]) { settings.maximumConnectionsPerHost = value }
        if let value = try document.bool(["fetch", "allow_loopback"]) { settings.allowsLoopback = value }
        if let value = try document.bool(["fetch", "allow_private_networks"]) { settings.allowsPrivateNetworks = value }
        if let proxy = try document.string(["fetch", "proxy"]) {
            guard let url = URL(string: proxy), let scheme = url.scheme?.lowercased(), Self.proxySchemes.contains(scheme),
                  url.host?.isEmpty == false
            else {
                throw document.error(at: ["fetch", "proxy"],
                                     "fetch.proxy must be a proxy URL such as http://proxy.school.example:3128 (http, https, socks4, socks4a, socks5 or socks5h)")
            }
            settings.proxy = proxy
        }
        return settings
    }

    /// `[recipes]`: the search engines', YouTube's and Mastodon's addresses; `[bridges]`: the bridge
    /// the school runs.
    private func readRecipes(_ document: TOMLDocument) throws(ConfigurationError) -> RecipeSettings {
        try document.rejectUnknownKeys(in: ["recipes"], allowed: Set(Self.searchBaseKeys.keys).union(["youtube", "mastodon_instances"]))
        var settings = RecipeSettings()
        for (key, engine) in Self.searchBaseKeys.sorted(by: { $0.key < $1.key }) {
            if let base = try webAddress(document, ["recipes", key]) { settings.searchBases[engine] = base }
        }
        if let youtube = try webAddress(document, ["recipes", "youtube"]) { settings.youtube = youtube }
        if let instances = try document.strings(["recipes", "mastodon_instances"]) {
            settings.mastodonInstances = []
            for text in instances {
                guard let url = RecipeSettings.mastodonInstance(text) else {
                    throw document.error(at: ["recipes", "mastodon_instances"], "\"\(text)\" is not a Mastodon server such as \"https://mastodon.social\"")
                }
                settings.mastodonInstances.append(url)
            }
        }
        try document.rejectUnknownKeys(in: ["bridges"], allowed: ["base_url", "kind"])
        let kindName = try document.string(["bridges", "kind"]) ?? Bridge.Software.rssBridge.rawValue
        guard let software = Bridge.Software(rawValue: kindName) else {
            throw document.error(at: ["bridges", "kind"], "bridges.kind must be \"rss-bridge\" or \"rsshub\", not \"\(kindName)\"")
        }
        if let base = try webAddress(document, ["bridges", "base_url"]) {
            settings.bridge = Bridge(software: software, baseURL: base)
        }
        return settings
    }

    /// The `[recipes]` keys of the search engines' base addresses.
    static let searchBaseKeys: [String: SearchEngine] = ["google_news": .googleNews, "bing_news": .bingNews, "reddit": .reddit]

    private func webAddress(_ document: TOMLDocument, _ path: [String]) throws(ConfigurationError) -> URL? {
        guard let text = try document.string(path) else { return nil }
        guard let url = RecipeSettings.webAddress(text) else {
            throw document.error(at: path, "\(path.joined(separator: ".")) must be an http or https address, not \"\(text)\"")
        }
        return url
    }

    /// The proxy kinds libcurl speaks.
    static let proxySchemes: Set<String> = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"]

    private func positive(_ document: TOMLDocument, _ path: [String]) throws(ConfigurationError) -> Int? {
        guard let value = try document.int(path) else { return nil }
        guard value > 0 else { throw document.error(at: path, "\(path.joined(separator: ".")) must be greater than zero") }
        return value
    }

    /// Every source of every feed list, each list's sources checked against the schools.
    private func readSources(_ feedLists: [URL], schools: [SchoolSettings], trust: SchoolSettings?) throws(ConfigurationError) -> [Source] {
        var sources: [Source] = []
        var seen = Set<SourceID>()
        for list in feedLists {
            let data: Data
            do {
                data = try Data(contentsOf: list)
            } catch {
                throw ConfigurationError(file: list.path, problem: "cannot read the feed list (\(error.localizedDescription))")
            }
            let listed: [Source]
            do {
                listed = try OPMLParser().sources(from: data, fileURL: list)
            } catch {
                throw ConfigurationError(file: list.path, line: error.line, problem: error.message)
            }
            try checkSchools(of: listed, in: list, schools: schools, trust: trust)
            for source in listed where seen.insert(source.id).inserted {
                sources.append(source)
            }
        }
        return sources
    }

    private func resolve(_ path: String, against folder: URL) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL }
        return folder.appendingPathComponent(path).standardizedFileURL
    }
}
