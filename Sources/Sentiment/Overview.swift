/// # Sentiment
///
/// Scores how a passage feels and which of the policy's concerns it raises, from word lists
/// that people can read and tune.
///
/// **Inputs:** a `Lexicon` (seven UTF-8 data files in Resources, loaded with `Lexicon.bundled()`,
/// or the same formats passed as strings), then passages of plain text.
///
/// **Outputs:** `SentimentAnalyzer` gives a `Model.SentimentScore` per passage (compound in
/// [-1, 1], label, drivers strongest first) or a `SentenceScore` per sentence.
/// `ConcernClassifier` gives `Model.ConcernAssessment`s, most serious concern first.
/// `PassageJudge` reads a passage once and gives both, and the passage's stance toward the
/// school (the labelling guide's polarity, learnt in the concern model's stance columns); with a
/// reused `JudgementWorkspace`, `judge(_:in:)` gives the figures alone (compound, label,
/// `ConcernConfidences`, stance) without making any string or allocating, for bulk work.
///
/// **How a passage is read.** `Lexicon` compiles its files once into hash tables keyed by UTF-8
/// bytes (`LexiconTables`): one entry per word holding its valence, modifier factor, negator and
/// contrast flags, idiom and two-word-modifier starts, street-word flag and the concern rules it
/// starts. `PassageReader` then walks the passage's bytes once, producing tokens and sentences
/// together; each word is lowered and hashed as it is read and looked up at once. Plain ASCII
/// (and curly apostrophes) never leaves the byte path; other characters are grouped first
/// (`ClusterUnits`) and words holding them are folded through `TextForm`. Elongated words take
/// the slower string look-ups of `Lexicon`. The rules below then work on token indices.
///
/// **Data files** (`#` starts a comment line; fields are separated by one TAB):
/// - lexicon.tsv `term, valence` (-4...4): single words, hyphenated words allowed, valued by hand.
/// - lexicon-induced.tsv, same format: words induced from human-rated texts by
///   `scripts/induce-lexicon`, mostly weak; a word lexicon.tsv lists keeps its hand-written valence.
/// - idioms.tsv `phrase, valence`: multiword expressions, scored as one unit.
/// - modifiers.tsv `one or two words, factor`: positive factors intensify, negative ones dampen.
/// - negators.txt: one negator per line; any word ending in "n't" negates as well.
/// - emoticons.tsv `token, valence`: matched exactly, ignoring emoji variation selectors and skin tones.
/// - concerns.tsv `concern, weight, phrase`: concern is a `Model.Concern` raw value, weight 0.1...1.
///   A phrase word ending in a single `*` after at least three letters is a prefix wildcard
///   ("bulli*", "c*nt*"); every other `*` is literal, so "f***" and "sh*t" match only themselves.
///   A word that is `_` alone matches exactly one word between two others ("filming _ kids").
/// A malformed line stops loading with a `SentimentError` naming the file and line.
///
/// **Sentiment rule order** (constants are static properties of `SentimentAnalyzer`):
/// 1. Sentences: split at line breaks and after a chunk ending in `.`, `!`, `?` or `…` (with any
///    closing quotes or brackets), except a single `.` after an abbreviation or initial.
/// 2. Tokens: words (comparison form: lower case, no accents, straight apostrophes), emoticons
///    and emoji, `!`, `?` and clause punctuation; URLs, addresses and handles are skipped;
///    a hashtag's CamelCase body is read as words. A hyphenated word the lexicon does not know
///    is read as its parts. Invisible characters (soft hyphen, zero-width space, joiner and
///    non-joiner, word joiner) are read through; a zero-width joiner joins only emoji.
/// 3. Idioms, longest first, before single words; their words are not scored again.
/// 4. Two-word modifiers ("kind of"), then single words: contrast words, valence, modifier
///    factor, negator. Valence look-ups try the word as written, without apostrophes when the
///    lexicon spells it with one ("cant"), then de-elongated: runs of three or more letters
///    collapsed to two, then to one ("goooood" → "good", "loooove" → "love"). An -ly adverb or
///    -ness noun of a listed word of four letters or more that is not listed itself takes that
///    word's valence ("disappointingly", "happily", "terribly", "rudeness"), unless it is a
///    negator or modifier ("hardly", "highly").
/// 5. A negator or modifier acts only on a sentiment word within three tokens after it in the
///    same clause; acting, it adds no valence of its own ("pretty good").
/// 6. Capitals: a sentiment word in capitals gains `capitalsEmphasis` when the passage also has
///    lower-case letters.
/// 7. Modifiers within three tokens before the word add their factor to its magnitude, scaled
///    by distance (1, 0.95, 0.9); they stack. An intensifier between a negator and its word
///    subtracts instead ("not very good" is milder than "not good").
/// 8. Negation: a negator within three tokens before, in the same clause, multiplies by
///    `negationFactor` (-0.74); several negators still flip once.
/// 9. Contrast: before the last "but"/"however" ×0.5, after it ×1.5; otherwise an
///    "although"/"though" clause (to the next clause break) ×0.5 and the rest ×1.5.
///    Emoticons take contrast weights but not negation, modifiers or capitals.
/// 10. Punctuation per sentence: each `!` (up to four) adds 0.3 to the magnitude of a non-zero
///     sum; a `?` multiplies it by 0.9.
/// 11. The passage's raw sum is the sum of its sentences'; compound = sum / sqrt(sum² + 15).
///
/// **Concern rule order** (`ConcernClassifier`):
/// 1. Phrases from concerns.tsv, matched on the same tokens, hyphens read as spaces.
/// 2. Innocent readings listed in code veto a trigger they cover ("a bully to drive"), and the
///    model's features shown only inside them, for that concern ("watch this space for").
/// 3. A negator within three words before a bullying, complaint, press or praise phrase, in
///    the same clause, vetoes it ("I'm not complaining", "no complaints"). A word of naming
///    ("called", "calling", "shouting") within five words before an offensive phrase or
///    obfuscated word, in the same clause, vetoes it too: the name is reported ("they called
///    him a 'spaz'"), not the writer's abuse (`ConcernClassifier.namingWords`).
/// 4. Obfuscated profanity: a word of letters with `*` inside, or a short word ending in a run of
///    `*` ("f***", "sh*t", "f**king"), is offensive; one with `@`, `$` or `#` inside is offensive
///    when, each symbol standing for one letter, it spells a word an offensive phrase of one word
///    matches ("b@stard", "a$$hole", "f#@k"), and not otherwise ("Learning@Home").
/// 5. Of phrases of one concern covering the same words, the longest (then the heaviest) counts.
/// 6. Each sentence with a `?` standing alone is question evidence ("?!" and "??" are
///    exasperation, not requests); question phrases count without one.
/// 7. UK mobile numbers, and postcodes a few words after a street word, are data protection;
///    a landline (usually an organisation's published number) only adds to other evidence.
/// 8. The concern model (`ConcernModel`) adds its evidence, and drops the trigger phrases of a
///    concern it finds unlikely (weak ones in any passage it knows enough of, all but the heaviest
///    in a long one; never safeguarding's). In a passage it reads as positive
///    toward the school, a complaint or allegation the model alone raised is dropped, and abuse is
///    dropped whatever showed it (swearing in praise is not abuse aimed at the school).
/// 9. Praise is dropped when the passage's sentiment is negative, unless the model reads the
///    passage as positive toward the school.
/// 10. Per concern, confidence = 1 - Π(1 - weight) over distinct phrases, capped at 0.99. Where
///    defamation reaches its threshold and a word of physical harm has a word for a child in its
///    sentence or a neighbouring one, safeguarding gains that word as evidence (an adult's harm
///    to a pupil, alleged, is possible safeguarding). Concerns under 0.3 are dropped (safeguarding
///    under 0.15); evidence is the phrases as written, in reading order.
///
/// The room is pure: the bundled files are read once per process, and nothing else touches the
/// world.
enum SentimentOverview {}
