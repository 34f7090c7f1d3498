/// # Recipes
///
/// Turns what a school is called into the public feeds that watch for it: news searches (Google
/// News, Bing News), Reddit searches, Mastodon hashtag feeds, a YouTube channel's feed, feeds from a
/// bridge the school runs for networks without feeds of their own (RSS-Bridge, RSSHub), and the
/// school's own site.
///
/// **Owns:** each recipe's address template (`SearchEngine`, `Bridge`, `RecipeBook`), the search
/// queries built from the school's names in each engine's own syntax and within its length limit
/// (`SearchQueryBuilder`), each recipe's default and shortest interval and the note of what it
/// cannot see (`RecipeKind`), and a starting profile derived from a name, aliases, a website and a
/// town (`StarterProfile`).
///
/// **Rule order for a search:** names first, quoted and joined with OR; then ambiguous aliases,
/// only beside the town (an alias alone would find every stream and road of that name); each query
/// carries, as exclusions, the exclusion phrases that contain one of its terms; a query longer than
/// the engine allows is split into several feeds, and exclusions that still do not fit beside a
/// single name are left to Earshot's own matching.
///
/// **Must not:** fetch anything (finding the school site's feeds is `Sourcing`'s work) or read and
/// write files (the OPML and TOML text is `Settings`'). Pure: values in, values out.
enum RecipesOverview {}
