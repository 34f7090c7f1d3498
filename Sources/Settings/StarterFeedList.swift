import Foundation
import Model
import Recipes

/// The OPML feed list `earshot init --school` writes: the sources the recipes made, a folder per
/// recipe, each with a comment saying what it covers, how often it is read and what it cannot
/// see; then how to add a Google Alerts feed, and what Earshot cannot see at all.
public struct StarterFeedList: Sendable {
    /// The school's profile, for the list's title.
    public var profile: StarterProfile
    /// The sources, in the order they were made.
    public var sources: [SourceRecipe]
    /// How the school's site was looked at, a line each.
    public var siteNotes: [String]

    /// Describes a starter feed list.
    public init(profile: StarterProfile, sources: [SourceRecipe], siteNotes: [String]) {
        self.profile = profile
        self.sources = sources
        self.siteNotes = siteNotes
    }

    /// The folders in the order they are written: the school's own site first, then each recipe.
    private static let sectionOrder: [(kind: RecipeKind?, title: String)] = [
        (nil, "The school's own site"),
        (.googleNews, "Google News search"),
        (.bingNews, "Bing News search"),
        (.reddit, "Reddit search"),
        (.mastodon, "Mastodon hashtags"),
        (.youtube, "YouTube"),
        (.bridge, "Through the school's bridge"),
        (.feed, "Other feeds"),
        (.page, "Other pages"),
    ]

    /// The OPML text.
    public var text: String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<opml version="2.0">"#,
            "  <head>",
            "    <title>\(MarkupText.escaped("Earshot sources for " + (profile.names.first ?? "the school")))</title>",
            "  </head>",
            "  <body>",
        ]
        lines += Self.comment("Written by `earshot init` from the school's names. `earshot feeds add RECIPE …` adds a source "
                              + "and reads it once; `earshot feeds remove ADDRESS` takes one out. Both keep the rest of this "
                              + "file, comments included, as it is. docs/sources.md describes every recipe.")
        for (kind, title) in Self.sectionOrder {
            let members = sources.filter { recipe in
                kind == nil ? Self.isOwnSite(recipe) : recipe.kind == kind && !Self.isOwnSite(recipe)
            }
            guard !members.isEmpty else { continue }
            lines += Self.comment(kind.map(Self.note) ?? ownSiteNote)
            lines.append("    <outline text=\"\(MarkupText.escaped(title))\">")
            lines += members.map { "      " + FeedListEditor.outline(for: $0.source) }
            lines.append("    </outline>")
        }
        lines += Self.comment(RecipeBook.googleAlertsInstructions)
        lines += Self.comment("Earshot reads only what anyone may read without signing in: private Facebook groups, "
                              + "WhatsApp and other closed chats, private accounts, and networks without a bridge stay "
                              + "unseen. docs/sources.md says what a school can do about each.")
        lines += ["  </body>", "</opml>", ""]
        return lines.joined(separator: "\n")
    }

    private var ownSiteNote: String {
        "The school's own site, read every 6 hours: its posts are the school speaking, counted in the digest and never "
            + "opened as cases." + (siteNotes.isEmpty ? "" : " What `earshot init` found: " + siteNotes.joined(separator: "; ") + ".")
    }

    private static func isOwnSite(_ recipe: SourceRecipe) -> Bool {
        recipe.source.isSchoolsOwn && (recipe.kind == .feed || recipe.kind == .page)
    }

    private static func note(for kind: RecipeKind) -> String {
        let interval = kind.defaultInterval.map { " Read every " + FeedListEditor.intervalText($0) + "." } ?? ""
        return kind.coverage + " " + kind.limits + interval
    }

    /// An XML comment, wrapped to lines of about 100 characters, indented inside `<body>`. A comment
    /// may not hold `--`.
    static func comment(_ text: String) -> [String] {
        let words = text.replacingOccurrences(of: "--", with: "- -").split(separator: " ")
        var lines: [String] = []
        var line = "    <!--"
        for word in words {
            if line.count + word.count + 1 > 104, line != "    <!--" {
                lines.append(line)
                line = "        "
            }
            line += " " + word
        }
        lines.append(line + " -->")
        return lines
    }
}
