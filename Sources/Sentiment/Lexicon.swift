import Foundation
import Model

/// The word lists that sentiment scoring and concern rules read: word valences, idioms,
/// intensifiers and dampeners, negators, emoticons and concern triggers.
///
/// The lists are data, kept in seven UTF-8 files in the module's resources so that they can be
/// reviewed and tuned without touching code (`bundled()`); tests build small lexicons from
/// strings with the same parser. Word valences come from two files: lexicon.tsv, written by
/// hand, and lexicon-induced.tsv, induced from human-rated texts by `scripts/induce-lexicon`;
/// a word in both takes its hand-written valence. Every key is stored in this room's comparison
/// form (lower case, accents removed, straight apostrophes), except emoticons, which match exactly.
public struct Lexicon: Sendable {
    /// The resource file names, in the order the initialiser takes their contents.
    public static let fileNames = [
        "lexicon.tsv", "idioms.tsv", "modifiers.tsv", "negators.txt", "emoticons.tsv", "concerns.tsv",
        "lexicon-induced.tsv",
    ]

    /// Single words and their valence in -4...4, hand-written and induced.
    public let valences: [String: Double]
    /// Adverbs and nouns formed from listed words that are not listed themselves, with their
    /// word's valence ("disappointingly", "rudeness"); see `inflectedValences(of:excluding:)`.
    let inflectedValences: [String: Double]
    /// Multiword phrases, words separated by single spaces, and their valence in -4...4.
    public let idioms: [String: Double]
    /// Intensifiers (positive factor, added to a sentiment word's magnitude) and dampeners
    /// (negative factor); keys are one or two words.
    public let modifiers: [String: Double]
    /// Words that flip the sentiment of what follows.
    public let negators: Set<String>
    /// Emoticons and emoji, without emoji variation selectors or skin tones, and their valence.
    public let emoticons: [String: Double]
    /// Concern triggers, in file order.
    public let concernRules: [ConcernRule]
    /// The learned concern model that adds to the triggers; the bundled lexicon has the bundled
    /// model, a lexicon built from strings has none until one is set.
    public var concernModel: ConcernModel?

    /// Lexicon words that have an apostrophe, keyed without it, for text written without
    /// them ("cant" finds "can't"; "ill" does not find "i'll" the other way round).
    let wordsByApostropheFreeSpelling: [String: String]
    /// Every idiom keyed without apostrophes; multiword phrases do not collide the way words do.
    let idiomsByApostropheFreeSpelling: [String: String]
    /// The most words of any idiom, by its first word without apostrophes; bounds the idiom search.
    let longestIdiomByFirstWord: [String: Int]
    /// The most characters in any emoticon, which bounds the emoticon search.
    let longestEmoticon: Int
    /// Everything above compiled into hash tables over UTF-8 bytes, for reading passages.
    let tables: LexiconTables

    /// Builds a lexicon from the contents of the seven files; any may be empty.
    ///
    /// - Parameter inducedLexicon: lexicon-induced.tsv, in lexicon.tsv's format; its entries
    ///   add words that `lexicon` does not list, and never change one it does.
    /// - Throws: `SentimentError.malformedLine` naming the file and line of the first entry that
    ///   does not follow its file's format.
    public init(
        lexicon: String = "",
        idioms: String = "",
        modifiers: String = "",
        negators: String = "",
        emoticons: String = "",
        concerns: String = "",
        inducedLexicon: String = ""
    ) throws(SentimentError) {
        var valences = try Self.wordValences(in: LexiconFile(name: "lexicon.tsv", contents: lexicon))
        let induced = try Self.wordValences(in: LexiconFile(name: "lexicon-induced.tsv", contents: inducedLexicon))
        valences.merge(induced) { handWritten, _ in handWritten }

        var idiomValences: [String: Double] = [:]
        for entry in try LexiconFile(name: "idioms.tsv", contents: idioms).entries(fieldCount: 2) {
            idiomValences[Self.phraseKey(entry.fields[0])] = try entry.valence(at: 1)
        }

        var modifierFactors: [String: Double] = [:]
        for entry in try LexiconFile(name: "modifiers.tsv", contents: modifiers).entries(fieldCount: 2) {
            let key = Self.phraseKey(entry.fields[0])
            guard key.split(separator: " ").count <= 2 else {
                throw entry.error("a modifier is one or two words")
            }
            let factor = try entry.number(at: 1)
            guard (-2.0...2.0).contains(factor) else {
                throw entry.error("the factor \(factor) is outside -2...2")
            }
            modifierFactors[key] = factor
        }

        var negatorWords: Set<String> = []
        for entry in try LexiconFile(name: "negators.txt", contents: negators).entries(fieldCount: 1) {
            let word = TextForm.normalized(entry.fields[0])
            guard !word.contains(where: \.isWhitespace) else {
                throw entry.error("a negator is a single word")
            }
            negatorWords.insert(word)
        }

        var emoticonValences: [String: Double] = [:]
        for entry in try LexiconFile(name: "emoticons.tsv", contents: emoticons).entries(fieldCount: 2) {
            let token = Self.emoticonKey(entry.fields[0])
            guard !token.contains(where: \.isWhitespace) else {
                throw entry.error("an emoticon has no spaces")
            }
            emoticonValences[token] = try entry.valence(at: 1)
        }

        var rules: [ConcernRule] = []
        for entry in try LexiconFile(name: "concerns.tsv", contents: concerns).entries(fieldCount: 3) {
            guard let concern = Concern(rawValue: entry.fields[0]) else {
                let known = Concern.allCases.map(\.rawValue).joined(separator: ", ")
                throw entry.error("unknown concern \"\(entry.fields[0])\"; expected one of \(known)")
            }
            let weight = try entry.number(at: 1)
            guard (0.1...1.0).contains(weight) else {
                throw entry.error("the weight \(weight) is outside 0.1...1")
            }
            let rule = ConcernRule(concern: concern, weight: weight, phrase: entry.fields[2])
            guard !rule.words.isEmpty else { throw entry.error("the phrase has no words") }
            guard rule.words.first != .anyWord, rule.words.last != .anyWord else {
                throw entry.error("a phrase cannot start or end with \"_\" (any one word)")
            }
            rules.append(rule)
        }

        self.valences = valences
        let inflectedValences = Self.inflectedValences(
            of: valences, excluding: negatorWords.union(modifierFactors.keys))
        self.inflectedValences = inflectedValences
        self.idioms = idiomValences
        self.modifiers = modifierFactors
        self.negators = negatorWords
        self.emoticons = emoticonValences
        self.concernRules = rules
        var wordsByApostropheFreeSpelling: [String: String] = [:]
        for term in valences.keys.sorted() where term.contains("'") {
            wordsByApostropheFreeSpelling[TextForm.withoutApostrophes(term)] = term
        }
        var idiomsByApostropheFreeSpelling: [String: String] = [:]
        for phrase in idiomValences.keys.sorted() {
            idiomsByApostropheFreeSpelling[TextForm.withoutApostrophes(phrase)] = phrase
        }
        self.wordsByApostropheFreeSpelling = wordsByApostropheFreeSpelling
        self.idiomsByApostropheFreeSpelling = idiomsByApostropheFreeSpelling
        var longestIdiomByFirstWord: [String: Int] = [:]
        for phrase in idiomValences.keys {
            let words = phrase.split(separator: " ")
            let first = TextForm.withoutApostrophes(String(words[0]))
            longestIdiomByFirstWord[first] = max(longestIdiomByFirstWord[first] ?? 0, words.count)
        }
        self.longestIdiomByFirstWord = longestIdiomByFirstWord
        self.longestEmoticon = emoticonValences.keys.map(\.count).max() ?? 0
        self.tables = LexiconTables(compiled: CompiledLexicon(
            valences: valences.merging(inflectedValences) { listed, _ in listed },
            wordsByApostropheFreeSpelling: wordsByApostropheFreeSpelling,
            idioms: idiomValences,
            idiomsByApostropheFreeSpelling: idiomsByApostropheFreeSpelling,
            modifiers: modifierFactors,
            negators: negatorWords,
            emoticons: emoticonValences,
            concernRules: rules,
            benignReadings: ConcernClassifier.benignReadings,
            streetWords: PersonalDataPatterns.streetWords
        ))
    }

    /// The lexicon shipped in the module's resources, loaded and checked once per process.
    ///
    /// - Throws: `SentimentError` when a file is missing, unreadable or has a malformed line.
    public static func bundled() throws(SentimentError) -> Lexicon {
        try bundledLexicon.get()
    }

    private static let bundledLexicon: Result<Lexicon, SentimentError> = {
        do throws(SentimentError) {
            return .success(try loadBundled(inducedLexicon: nil))
        } catch {
            return .failure(error)
        }
    }()

    /// The same lexicon with another induced word list in place of its own, for measuring a
    /// list induced from part of the rated data on the rest of it.
    ///
    /// - Parameter inducedLexicon: the contents of a file in lexicon-induced.tsv's format.
    /// - Throws: `SentimentError` when a bundled file cannot be read or a line is malformed.
    public static func bundled(inducedLexicon: String) throws(SentimentError) -> Lexicon {
        try loadBundled(inducedLexicon: inducedLexicon)
    }

    /// The bundled files, with `inducedLexicon` in place of lexicon-induced.tsv when given.
    private static func loadBundled(inducedLexicon: String?) throws(SentimentError) -> Lexicon {
        var contents: [String] = []
        for file in fileNames.dropLast() {
            contents.append(try resourceText(named: file))
        }
        let induced: String
        if let inducedLexicon {
            induced = inducedLexicon
        } else {
            induced = try resourceText(named: fileNames[fileNames.count - 1])
        }
        var lexicon = try Lexicon(
            lexicon: contents[0], idioms: contents[1], modifiers: contents[2],
            negators: contents[3], emoticons: contents[4], concerns: contents[5],
            inducedLexicon: induced
        )
        lexicon.concernModel = try ConcernModel.bundled()
        return lexicon
    }

    /// The single-word entries of a file in lexicon.tsv's format.
    private static func wordValences(in file: LexiconFile) throws(SentimentError) -> [String: Double] {
        var valences: [String: Double] = [:]
        for entry in try file.entries(fieldCount: 2) {
            let term = TextForm.normalized(entry.fields[0])
            guard !term.contains(where: \.isWhitespace) else {
                throw entry.error("the term has a space; multiword phrases belong in idioms.tsv")
            }
            valences[term] = try entry.valence(at: 1)
        }
        return valences
    }

    /// Adverbs in -ly and nouns in -ness formed from listed words of at least four letters, with
    /// the listed word's valence, for those not listed themselves: "disappointing" gives
    /// "disappointingly", "happy" "happily", "terrible" "terribly", "fantastic"
    /// "fantastically", "rude" "rudeness". Forms that are negators or modifiers ("hardly",
    /// "highly") are left out, and a form two words give takes the first word's in sorted order.
    static func inflectedValences(of valences: [String: Double], excluding reserved: Set<String>) -> [String: Double] {
        var inflected: [String: Double] = [:]
        for (word, valence) in valences.sorted(by: { $0.key < $1.key })
        where word.count >= 4 && word.allSatisfy({ $0.isLetter }) && !word.hasSuffix("ly") {
            var forms: [String] = []
            if word.hasSuffix("y") {
                forms.append(word.dropLast() + "ily")
            } else if word.hasSuffix("le") {
                forms.append(word.dropLast() + "y")
            } else if word.hasSuffix("ic") {
                forms.append(word + "ally")
            } else {
                forms.append(word + "ly")
            }
            if !word.hasSuffix("y") && !word.hasSuffix("ness") {
                forms.append(word + "ness")
            }
            for form in forms where valences[form] == nil && inflected[form] == nil && !reserved.contains(form) {
                inflected[form] = valence
            }
        }
        return inflected
    }

    static func resourceText(named file: String) throws(SentimentError) -> String {
        let dot = file.lastIndex(of: ".")!
        let name = String(file[..<dot])
        let fileExtension = String(file[file.index(after: dot)...])
        guard let url = Bundle.module.url(forResource: name, withExtension: fileExtension, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: name, withExtension: fileExtension)
        else {
            throw .missingResource(file: file)
        }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadableResource(file: file, reason: String(describing: error))
        }
    }

    // MARK: - Look-ups

    /// The valence of a word in comparison form, listed or formed from a listed word, trying it
    /// without apostrophes and then its de-elongated spellings. Returns the lexicon's own spelling with it, for drivers.
    func valence(of word: String) -> (term: String, valence: Double)? {
        for candidate in [word] + TextForm.elongationVariants(of: word) {
            if let valence = valences[candidate] ?? inflectedValences[candidate] {
                return (candidate, valence)
            }
            if !candidate.contains("'"), let term = wordsByApostropheFreeSpelling[candidate], let valence = valences[term] {
                return (term, valence)
            }
        }
        return nil
    }

    /// The most words of an idiom that may start with this word (0 when none does).
    func longestIdiom(startingWith word: String) -> Int {
        var longest = 0
        for candidate in [word] + TextForm.elongationVariants(of: word) {
            longest = max(longest, longestIdiomByFirstWord[TextForm.withoutApostrophes(candidate)] ?? 0)
        }
        return longest
    }

    /// The idiom spelled by some words in comparison form, if any.
    func idiom(spelledBy words: [String]) -> (phrase: String, valence: Double)? {
        let phrase = words.joined(separator: " ")
        for candidate in [phrase] + TextForm.elongationVariants(of: phrase) {
            if let valence = idioms[candidate] { return (candidate, valence) }
            if let idiom = idiomsByApostropheFreeSpelling[TextForm.withoutApostrophes(candidate)],
               let valence = idioms[idiom] {
                return (idiom, valence)
            }
        }
        return nil
    }

    /// The factor of a one- or two-word modifier, trying de-elongated spellings ("sooooo" → "so").
    func modifierFactor(of phrase: String) -> Double? {
        for candidate in [phrase] + TextForm.elongationVariants(of: phrase) {
            if let factor = modifiers[candidate] { return factor }
        }
        return nil
    }

    /// Whether a word in comparison form negates what follows: a listed negator, a word ending
    /// in "n't", or a de-elongated spelling of a negator ("noooo").
    func isNegator(_ word: String) -> Bool {
        if negators.contains(word) || word.hasSuffix("n't") { return true }
        return TextForm.elongationVariants(of: word).contains { negators.contains($0) }
    }

    // MARK: - Keys

    /// A phrase in comparison form with single spaces between words.
    static func phraseKey(_ phrase: String) -> String {
        TextForm.normalized(phrase).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// An emoticon or emoji without variation selectors and skin-tone modifiers, so that "❤️",
    /// "❤" and "👍🏽" meet their listed forms.
    static func emoticonKey(_ token: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in token.unicodeScalars {
            switch scalar.value {
            case 0xFE0E, 0xFE0F, 0x1F3FB...0x1F3FF:
                continue
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
