/// # Mentions
///
/// Finds the places in a passage where a school is named, and why each was accepted.
///
/// **Inputs:** a `SchoolProfile` (names, ambiguous aliases, hashtags, handles, domains, context
/// words, exclusion phrases, context window), compiled once by `MentionFinder`; then, per call,
/// a passage and whether its source is wholly about the school.
///
/// **Outputs:** `Model.Mention` values in reading order, each with the matched text as written,
/// the configured term, the rule, Character offsets into the passage (end exclusive) and, for
/// an ambiguous alias, the context word that licensed it; and, in a `MentionReading`, the
/// exclusion phrases that took the school's words in another sense, so that an item of a source
/// about the school that only speaks of "Millbrook Garden Centre" is not taken for the school's.
///
/// **Folding.** Profile terms and passages are folded the same way before comparison: lower
/// case, accents removed ("Ecole" meets "École"), apostrophes of any shape dropped ("O’Neill"
/// meets "O'Neill"), a trailing possessive `'s` dropped ("Millbrook's" meets "Millbrook"; a term
/// that is itself possessive, "St Mary's", also meets "St Marys"), and every other character
/// that is not a letter or digit separates words ("Millbrook-Academy" meets "Millbrook Academy"),
/// except invisible ones inside a word (a soft hyphen from `&shy;`, zero-width joiners), which are
/// read through and dropped. A lone `&` reads as "and".
///
/// **Rule order.**
/// 0. Screen. Most passages name no school. `MentionScreen` first checks the passage's UTF-8
///    bytes for any run of letters and digits that a mention needs (a word of a name or alias,
///    a run-together name, a hashtag body, a handle's user part, a domain's first label); when
///    there is none, the passage has no mentions and is not tokenized. The screen only ever
///    errs towards "maybe", so the answers are the same with it as without it.
/// 1. Tokens. The passage is split into words, hashtags, handles and hosts (from URLs, e-mail
///    addresses and bare domains such as `www.millbrook-academy.example/news`).
/// 2. One pass. Word tokens, and hashtag bodies read as words, run through one Aho–Corasick
///    automaton holding every name, alias, context word, lead-in, non-school phrase and exclusion
///    phrase; each other token is one dictionary look-up.
/// 3. Single-token rules. A hashtag matches a configured hashtag, or any name or alias written
///    run together or in CamelCase (`#MillbrookAcademy`, `#millbrookacademy`). A handle matches
///    a configured handle exactly: `@MillbrookAcad`, or `@user@instance` with the same instance.
///    A host matches a configured domain or any subdomain of it. A plain word matches a
///    multi-word name or alias written run together ("MillbrookAcademy").
/// 4. Exclusions. A name or alias match from words or a hashtag body is dropped when an
///    occurrence of an exclusion phrase covers it ("Millbrook Road" vetoes the alias "Millbrook").
///    Configured hashtags, handles and domains are never vetoed.
/// 5. Context. A context word inside a non-school phrase (`SchoolProfile.standardNonSchoolPhrases`:
///    "business school", "a place on" a course) counts for nothing. An ambiguous alias is kept when
///    a context word, or an accepted name, hashtag, handle or domain, lies within `contextWindow`
///    tokens of it (the twelfth token either side still counts with the default window), or
///    anywhere in a short post (at most `SchoolProfile.shortPostTokens` tokens); the
///    nearest one is reported as the context word. Failing that, it is kept when a lead-in
///    (`SchoolProfile.standardLeadIns`: "girls at", "my son goes to", "taught at") ends right
///    before it or a lead-out (`SchoolProfile.standardLeadOuts`: "girls", "office", "leadership")
///    starts right after it ("Millbrook girls", "Millbrook's leadership"), reported as the context
///    word; failing that, only when the source is about the school. Every context word counts in
///    the plural too ("cake sale", "cake sales"), but for a hyphenated one ("in-year").
///    When nothing names the school, the aliases no context licensed are kept aside in the
///    reading (`MentionReading.aliasesWithoutContext`): a caller that judges the passage counts
///    them when it may be about a child at risk (`Mention.Rule.aliasInSafeguardingPost`) or,
///    for an alias that is a word rather than initials, when it raises a concern aimed at
///    someone, such as a complaint or abuse (`Mention.Rule.aliasInConcernPost`).
/// 6. Overlaps. Of overlapping matches the longest wins, so a name inside a longer name, or an
///    alias inside a name, is reported once; equal lengths go to the earlier match, then to the
///    stronger rule (name, hashtag, handle, domain, alias).
///
/// The room is pure: no I/O, no clock, no shared state.
enum MentionsOverview {}
