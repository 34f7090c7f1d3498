import Foundation
import Model

/// A learned linear model per concern over the features of a passage: its words, pairs of
/// neighbouring words, whether it asks a question, and the word families it draws on (children,
/// adult contact, weapons…) alone and in pairs within two neighbouring sentences.
///
/// The families are written by hand in concern-families.tsv; the weights in concern-model.tsv are
/// trained by `scripts/train-concerns` from labelled school posts. The model adds evidence to the
/// trigger phrases of concerns.tsv; it never removes any. Every feature is a string (a word in
/// comparison form, "word word", "?", "@family", "@family+family"), and the model keeps it as its
/// polynomial hash, so a passage is scored from the hashes already made while it was read.
///
/// Held by reference and only read once built, so judging a passage copies none of its tables.
///
/// A passage's known features count as a vector of unit length (each present feature
/// 1/√count), so a long post is not more alarming than a short one for having more words.
///
/// The same features also weigh the passage's stance, its attitude toward the school (the
/// labelling guide's polarity, which is not its tone): a negative and a positive column per
/// feature hold the log-odds of that stance against a neutral one, learnt by the same script as
/// a multinomial logistic regression, so judging a stance costs two more additions per feature.
///
/// File formats (`#` starts a comment; fields separated by one TAB):
/// - concern-families.tsv `family, word or two words`: family names are letters only.
/// - concern-model.tsv `feature, target, weight`: the target is a concern, or `negative` or
///   `positive` for the stance; the special features are `@bias` (the intercept of a concern or
///   stance) and `@threshold` (the probability from which a concern counts).
public final class ConcernModel: Sendable {
    /// The resource file names: the families, then the weights.
    public static let fileNames = ["concern-families.tsv", "concern-model.tsv"]
    /// The most families a model may have (they are kept as bits).
    static let maximumFamilies = 32
    /// The most features of one concern cited as evidence.
    static let evidenceFeatures = 3
    /// The fewest known features from which the model speaks, and the fewest it must have a
    /// weight for in a concern to speak of that concern: a passage of a few words is left to the
    /// trigger phrases, since one word would weigh too much, and a concern learnt from the school
    /// posts alone is not raised on words only a public set taught the model.
    static let minimumFeatures = 6
    /// Below this probability, a model that knows enough of a passage's features overrules the
    /// weak trigger phrases and question marks (weight at most `overruledWeight`) of a concern
    /// other than safeguarding: a phrase that reads as a concern only out of its passage (a word
    /// of admissions in a school's own notice, a question mark in a rant) is then no finding.
    /// Safeguarding is never overruled. Trained on the authored posts and measured on the
    /// Millbrook posts, concern micro-F1 went from 0.768 to 0.789 and the owner role from 0.806 to
    /// 0.822; the other way round, from 0.631 to 0.636 and from 0.624 to 0.628.
    static let overrulingProbability = 0.2
    /// The strongest weight of a phrase the model may overrule.
    static let overruledWeight = 0.5
    /// From this many known features, the model has read enough of a passage to overrule more:
    /// the phrases and question marks, up to `longPassageOverruledWeight`, of a concern it finds
    /// less likely than `longPassageOverrulingProbability`. A long post gathers trigger phrases of
    /// concerns it does not raise (a "?" in a story, a word of praise in a complaint), while in a
    /// short one a phrase is usually meant. Chosen over `scripts/eval-school-splits` (from 25,
    /// 0.35 and 0.85 against the rule above alone): five folds concern micro-F1 0.838 → 0.853 and
    /// owner 0.862 → 0.870, short → long 0.823 → 0.854 and 0.810 → 0.840, long → short 0.844 →
    /// 0.845 and 0.893 → 0.890, authored → Millbrook 0.833 → 0.846 and 0.860 → 0.868, Millbrook →
    /// authored 0.650 → 0.656 and 0.644 → 0.642. Overruling every passage so (from 6 features)
    /// cost the short posts and a small model; the heaviest phrases (slurs, a newsroom's own
    /// words) stay whatever the model says.
    static let longPassageFeatures = 25
    /// Below this probability, a model that read a long passage overrules a concern's phrases.
    static let longPassageOverrulingProbability = 0.35
    /// The strongest weight of a phrase the model may overrule in a long passage.
    static let longPassageOverruledWeight = 0.85
    /// The least probability from which the model raises a concern other than safeguarding,
    /// whatever the trained threshold: it adds to the phrases only when it is more sure than not.
    static let minimumProbability = 0.5
    /// Below this many known features a passage is short (a post of a few sentences; the long
    /// posts of the labelled batches know a hundred or more), and the model's safeguarding counts
    /// from `shortPassageSafeguardingProbability` rather than its trained threshold. A cut of its
    /// own: `longPassageFeatures` (25) says when the model has read enough to overrule phrases,
    /// this one where its safeguarding stops being lowered.
    static let shortPassageFeatures = 60
    /// ...but only from this many: in a passage of a handful of words one word weighs too much
    /// ("we are recruiting a teaching assistant" would be possible safeguarding for "recruiting").
    static let shortPassageMinimumFeatures = 12
    /// The probability from which the model's safeguarding counts in a short passage, as possible
    /// safeguarding for the DSL. Over five folds of whole schools, the best F2 of passages with
    /// fewer than 25 known features lay at 0.2 (0.738, against 0.726 at the trained 0.3), while
    /// long passages were level from 0.25 to 0.4. On the six batches of four schools measured
    /// before they were read (the thirty-sixth to forty-first), short posts' safeguarding recall
    /// went from 0.937 to 0.962 at precision 0.845 → 0.787, 16 more children for 72 more false
    /// alarms, and long posts did not move (docs/judgement.md, "Short posts' safeguarding from 0.2").
    static let shortPassageSafeguardingProbability = 0.2

    /// Family names, in file order.
    public let familyNames: [String]
    /// The families of each word or two-word phrase, as bits, by the hash of its comparison form.
    let familiesByHash: HashIndex
    /// The hash of "@family" for each family.
    let familyHashes: [UInt64]
    /// The hash of "@first+second" for each pair of families, `first < second`, at `first * count + second`.
    let familyPairHashes: [UInt64]
    /// The row of each feature's weights, by the hash of its name.
    let rowsByHash: HashIndex
    /// A bit per bucket of hashes, set for the buckets of every feature with a row and every
    /// word or phrase with a family: most words and pairs of a passage are known to neither,
    /// and this filter, small enough to stay in the fastest cache, says so without a look-up.
    let knownHashes: BitSet
    /// The weights of each row: one per concern (in `Concern.rank` order), then the stance
    /// columns.
    let weights: WeightRows
    /// How many rows there are.
    let rowCount: Int
    /// The intercept of each column, in the same order.
    let biases: [Double]
    /// How many rows have a weight for some concern; they come before the rows only the stance
    /// weighs.
    let concernRowCount: Int32
    /// Whether the file gave the stance any weight; without, the stance is left to the tone.
    let hasStance: Bool
    /// Whether the file gave each concern a weight, in rank order; the model overrules no phrase
    /// of a concern it did not learn.
    let learnt: [Bool]
    /// The probability from which each concern counts, in rank order.
    let thresholds: [Double]
    /// The hash of "?".
    let questionHash = ByteKeyTable.hash("?".utf8)
    /// The bit of the family of words for children ("son", "pupils", "Year 7"), zero when the
    /// families have none.
    let childFamily: UInt32

    /// The stances with a column of their own, after the concerns': each holds the log-odds of
    /// that stance against a neutral one.
    static let stanceColumns: [SentimentLabel] = [.negative, .positive]
    /// The weights of a row: one per concern, then one per stance column.
    static let columnCount = Concern.allCases.count + stanceColumns.count

    /// A model from the contents of its two files.
    ///
    /// - Throws: `SentimentError.malformedLine` for a line that does not follow its file's format.
    public init(families: String, weights: String) throws(SentimentError) {
        var names: [String] = []
        var familiesByHash: [UInt64: UInt32] = [:]
        for entry in try LexiconFile(name: Self.fileNames[0], contents: families).entries(fieldCount: 2) {
            let name = entry.fields[0]
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw entry.error("a family name is letters only")
            }
            let words = TextForm.normalized(entry.fields[1]).split(separator: " ")
            guard (1...2).contains(words.count) else { throw entry.error("a family entry is one or two words") }
            if !names.contains(name) {
                guard names.count < Self.maximumFamilies else { throw entry.error("more than \(Self.maximumFamilies) families") }
                names.append(name)
            }
            let bit = UInt32(1) << UInt32(names.firstIndex(of: name)!)
            familiesByHash[ByteKeyTable.hash(words.joined(separator: " ").utf8), default: 0] |= bit
        }
        self.familyNames = names
        self.childFamily = names.firstIndex(of: "child").map { UInt32(1) << UInt32($0) } ?? 0
        self.familiesByHash = HashIndex(familiesByHash.mapValues { Int32(bitPattern: $0) })
        self.familyHashes = names.map { ByteKeyTable.hash("@\($0)".utf8) }
        var pairHashes = [UInt64](repeating: 0, count: names.count * names.count)
        for first in names.indices {
            for second in names.indices where first < second {
                pairHashes[first * names.count + second] = ByteKeyTable.hash("@\(names[first])+\(names[second])".utf8)
            }
        }
        self.familyPairHashes = pairHashes

        let concernCount = Concern.allCases.count
        var rows: [UInt64: Int32] = [:]
        var table: [Double] = []
        // A concern the file does not speak of never counts; a stance column without a bias is even with neutral.
        var biases = [Double](repeating: -10, count: concernCount) + [Double](repeating: 0, count: Self.stanceColumns.count)
        var thresholds = [Double](repeating: 0.5, count: concernCount)
        var hasStance = false
        var learnt = [Bool](repeating: false, count: concernCount)
        for entry in try LexiconFile(name: Self.fileNames[1], contents: weights).entries(fieldCount: 3) {
            let column: Int
            if let concern = Concern(rawValue: entry.fields[1]) {
                column = concern.rank
            } else if let stance = SentimentLabel(rawValue: entry.fields[1]), let index = Self.stanceColumns.firstIndex(of: stance) {
                column = concernCount + index
                hasStance = true
            } else {
                throw entry.error("unknown target \"\(entry.fields[1])\" (a concern, negative or positive)")
            }
            guard let weight = Double(entry.fields[2]), weight.isFinite else { throw entry.error("the weight is not a number") }
            if column < concernCount, entry.fields[0] != "@threshold" { learnt[column] = true }
            switch entry.fields[0] {
            case "@bias":
                biases[column] = weight
            case "@threshold":
                guard column < concernCount else { throw entry.error("a stance has no threshold") }
                guard weight > 0, weight < 1 else { throw entry.error("a threshold lies between 0 and 1") }
                thresholds[column] = weight
            default:
                let hash = ByteKeyTable.hash(entry.fields[0].utf8)
                let row: Int32
                if let known = rows[hash] {
                    row = known
                } else {
                    row = Int32(rows.count)
                    rows[hash] = row
                    table.append(contentsOf: repeatElement(0, count: Self.columnCount))
                }
                table[Int(row) * Self.columnCount + column] = weight
            }
        }
        // Rows with a weight for some concern come first, so that counting a passage's features
        // for the concerns is a comparison of row numbers: a feature only the stance weighs does
        // not dilute the concerns' vector of unit length.
        let hasConcernWeight = (0..<rows.count).map { row in
            (0..<concernCount).contains { table[row * Self.columnCount + $0] != 0 }
        }
        let order = hasConcernWeight.indices.filter { hasConcernWeight[$0] } + hasConcernWeight.indices.filter { !hasConcernWeight[$0] }
        var newRow = [Int32](repeating: 0, count: rows.count)
        for (position, row) in order.enumerated() { newRow[row] = Int32(position) }
        self.rowsByHash = HashIndex(rows.mapValues { newRow[Int($0)] })
        var knownHashes = [UInt64](repeating: 0, count: 1 << (Self.knownHashBits - 6))
        for hash in Array(rows.keys) + Array(familiesByHash.keys) {
            let bit = Self.knownHashBit(hash)
            knownHashes[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.knownHashes = BitSet(knownHashes)
        self.weights = WeightRows(order.map { table[($0 * Self.columnCount)..<(($0 + 1) * Self.columnCount)].map(Float.init) })
        self.rowCount = order.count
        self.concernRowCount = Int32(hasConcernWeight.count(where: { $0 }))
        self.biases = biases
        self.thresholds = thresholds
        self.hasStance = hasStance
        self.learnt = learnt
    }

    /// The model shipped in the module's resources.
    public static func bundled() throws(SentimentError) -> ConcernModel {
        try bundledModel.get()
    }

    /// A model with the bundled families and other weights (a model trained elsewhere, say).
    public static func withBundledFamilies(weights: String) throws(SentimentError) -> ConcernModel {
        try ConcernModel(families: try Lexicon.resourceText(named: fileNames[0]), weights: weights)
    }

    private static let bundledModel: Result<ConcernModel, SentimentError> = {
        do throws(SentimentError) {
            return .success(try ConcernModel(
                families: try Lexicon.resourceText(named: fileNames[0]),
                weights: try Lexicon.resourceText(named: fileNames[1])
            ))
        } catch {
            return .failure(error)
        }
    }()

    /// The filter `knownHashes` holds 2^18 bits, 32 KiB, about the size of a first-level data
    /// cache: with the bundled model's 98,813 features about one unknown hash in three passes it.
    /// A filter of 2^20 bits, which one in eleven passes, judged no faster.
    static let knownHashBits = 18

    /// The bit of `knownHashes` for a hash.
    @inline(__always)
    static func knownHashBit(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - knownHashBits))
    }

    /// Whether a hash may be a feature with a row or a word or phrase with a family; false when
    /// it is surely neither.
    @inline(__always)
    func mayKnow(_ hash: UInt64) -> Bool {
        let bit = Self.knownHashBit(hash)
        return knownHashes.contains(bit)
    }

    /// The probability from which the model's safeguarding counts in a passage with this many
    /// known features: lower in a short one (`shortPassageSafeguardingProbability`), not in a
    /// passage of a handful of words.
    @inline(__always)
    func safeguardingThreshold(knownFeatures: Int) -> Double {
        let trained = thresholds[Concern.safeguarding.rank]
        let isShort = (Self.shortPassageMinimumFeatures..<Self.shortPassageFeatures).contains(knownFeatures)
        return isShort ? min(trained, Self.shortPassageSafeguardingProbability) : trained
    }

    /// The probability the model gives a concern, from the summed weights of a passage's features.
    @inline(__always)
    func probability(_ sum: Double) -> Double {
        1 / (1 + exp(-sum))
    }
}

/// Bits set once and then only read, through a pointer, so that testing one retains nothing:
/// the concern model tests several for every word of every passage.
final class BitSet: @unchecked Sendable {
    /// The bits, 64 a word; written once by `init` and only read afterwards, which is what makes
    /// sharing them between threads safe.
    private let words: UnsafeMutablePointer<UInt64>

    /// The bits of `words`, the lowest bit of the first word first.
    init(_ words: [UInt64]) {
        self.words = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, words.count))
        self.words.initialize(repeating: 0, count: max(1, words.count))
        for (index, word) in words.enumerated() { self.words[index] = word }
    }

    deinit {
        words.deallocate()
    }

    /// Whether a bit is set; the caller keeps `bit` within the bits given.
    @inline(__always)
    func contains(_ bit: Int) -> Bool {
        words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
}

/// A feature of a passage the model has a row for, with that row.
struct ModelFeature {
    var feature: ConcernFeature
    /// The row of the feature's weights, kept in 32 bits so that the whole is 24 bytes.
    var rowIndex: Int32
    /// The concerns, as bits by rank, of the innocent readings the feature's words lie inside:
    /// it is no evidence of those.
    var innocentFor: UInt32 = 0

    init(feature: ConcernFeature, row: Int32) {
        self.feature = feature
        self.rowIndex = row
    }

    /// The row of the feature's weights.
    var row: Int { Int(rowIndex) }
}

/// The concern model's weights: a row of `width` single-precision weights per feature, each row
/// on a cache line of its own, so that a feature's weights are one read from memory and summed
/// as one vector. Single precision holds the model file's four decimals.
final class WeightRows: @unchecked Sendable {
    /// The floats of a row, the columns' and padding's: one cache line.
    static let width = 16
    /// The rows, written once by `init` and only read afterwards, which is what makes sharing
    /// them between threads safe.
    private let storage: UnsafeMutablePointer<Float>

    /// Rows of at most `width` weights each, padded with zeros.
    init(_ rows: [[Float]]) {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, rows.count) * Self.width * MemoryLayout<Float>.stride,
                                                   alignment: Self.width * MemoryLayout<Float>.stride)
        storage = raw.initializeMemory(as: Float.self, repeating: 0, count: max(1, rows.count) * Self.width)
        for (index, row) in rows.enumerated() {
            precondition(row.count <= Self.width, "a row holds at most \(Self.width) weights")
            for (column, weight) in row.enumerated() { storage[index * Self.width + column] = weight }
        }
    }

    deinit {
        storage.deallocate()
    }

    /// One weight.
    @inline(__always)
    subscript(row: Int, column: Int) -> Float {
        storage[row * Self.width + column]
    }

    /// A whole row, padding included.
    @inline(__always)
    func row(_ row: Int) -> SIMD16<Float> {
        UnsafeRawPointer(storage + row * Self.width).load(as: SIMD16<Float>.self)
    }
}

/// One feature of a passage, located by the tokens that show it.
struct ConcernFeature {
    /// The hash of the feature's name.
    var hash: UInt64
    /// The tokens that show it: a word, two neighbouring words, a question mark, or the first
    /// word of each family.
    var first: Int32
    var second: Int32
}

extension ConcernModel {
    /// Calls `body` with each feature of the passage read into `workspace` where it shows, in
    /// reading order; a feature shown again is given again, and the first showing is the one
    /// that counts. Families are found per sentence; a pair of families counts when both appear
    /// within one sentence and the next.
    func forEachFeature(in workspace: inout JudgementWorkspace, _ body: (ConcernFeature) -> Void) {
        let familyCount = familyNames.count
        // The first word of each family in this sentence and in the one before, -1 when absent.
        var firsts = workspace.familyFirsts
        var previousFirsts = workspace.previousFamilyFirsts
        workspace.familyFirsts = []
        workspace.previousFamilyFirsts = []
        defer {
            workspace.familyFirsts = firsts
            workspace.previousFamilyFirsts = previousFirsts
        }
        firsts.removeAll(keepingCapacity: true)
        firsts.append(contentsOf: repeatElement(-1, count: familyCount))
        previousFirsts.removeAll(keepingCapacity: true)
        previousFirsts.append(contentsOf: repeatElement(-1, count: familyCount))
        // Families as bits, taken in ascending order by their lowest set bit.
        var previousFamilies: UInt32 = 0
        var familiesTwoBack: UInt32 = 0
        let tokens = workspace.tokens
        for sentence in workspace.sentences {
            var families: UInt32 = 0
            // `firsts` last held the sentence two back: only its families need forgetting.
            var stale = familiesTwoBack
            while stale != 0 {
                firsts[stale.trailingZeroBitCount] = -1
                stale &= stale - 1
            }
            var previousWord = -1
            for index in Int(sentence.firstToken)..<Int(sentence.endToken) {
                let token = tokens[index]
                switch token.kind {
                case .question:
                    body(ConcernFeature(hash: questionHash, first: Int32(index), second: -1))
                    previousWord = -1
                    continue
                case .word:
                    break
                default:
                    previousWord = -1
                    continue
                }
                body(ConcernFeature(hash: token.hash, first: Int32(index), second: -1))
                let wordFamilies = familyBits(of: token.hash)
                var pairFamilies: UInt32 = 0
                if previousWord >= 0 {
                    let pair = tokens[previousWord].phraseHash(followedBy: token)
                    body(ConcernFeature(hash: pair, first: Int32(previousWord), second: Int32(index)))
                    pairFamilies = familyBits(of: pair)
                }
                let found = wordFamilies | pairFamilies
                families |= found
                var newFamilies = found
                while newFamilies != 0 {
                    let family = newFamilies.trailingZeroBitCount
                    newFamilies &= newFamilies - 1
                    // A family of two words is shown by the first of them.
                    if firsts[family] < 0 { firsts[family] = Int32(wordFamilies & (1 << UInt32(family)) != 0 ? index : previousWord) }
                }
                previousWord = index
            }
            var shown = families
            while shown != 0 {
                let family = shown.trailingZeroBitCount
                shown &= shown - 1
                body(ConcernFeature(hash: familyHashes[family], first: firsts[family], second: -1))
            }
            let window = families | previousFamilies
            if families != 0, window.nonzeroBitCount > 1 {
                var firstBits = window
                while firstBits != 0 {
                    let first = firstBits.trailingZeroBitCount
                    firstBits &= firstBits - 1
                    var secondBits = firstBits
                    while secondBits != 0 {
                        let second = secondBits.trailingZeroBitCount
                        secondBits &= secondBits - 1
                        // Only pairs with a member in this sentence are new here.
                        guard families & ((1 << UInt32(first)) | (1 << UInt32(second))) != 0 else { continue }
                        let hash = familyPairHashes[first * familyCount + second]
                        let firstToken = firsts[first] >= 0 ? firsts[first] : previousFirsts[first]
                        let secondToken = firsts[second] >= 0 ? firsts[second] : previousFirsts[second]
                        body(ConcernFeature(hash: hash, first: min(firstToken, secondToken), second: max(firstToken, secondToken)))
                    }
                }
            }
            swap(&firsts, &previousFirsts)
            familiesTwoBack = previousFamilies
            previousFamilies = families
        }
    }

    /// The families of a word or two-word phrase, as bits.
    @inline(__always)
    func familyBits(of hash: UInt64) -> UInt32 {
        guard mayKnow(hash) else { return 0 }
        return familiesByHash.value(for: hash).map { UInt32(bitPattern: $0) } ?? 0
    }

    /// The name of a feature as the model files spell it.
    func name(of feature: ConcernFeature, in workspace: JudgementWorkspace) -> String {
        func form(_ index: Int32) -> String {
            let token = workspace.tokens[Int(index)]
            if token.kind == .question { return "?" }
            let start = Int(token.formStart)
            return String(decoding: workspace.forms[start..<(start + Int(token.formLength))], as: UTF8.self)
        }
        if let family = familyHashes.firstIndex(of: feature.hash) { return "@" + familyNames[family] }
        if let pair = familyPairHashes.firstIndex(of: feature.hash), feature.hash != 0 {
            return "@\(familyNames[pair / familyNames.count])+\(familyNames[pair % familyNames.count])"
        }
        return feature.second >= 0 ? form(feature.first) + " " + form(feature.second) : form(feature.first)
    }

    /// The stance of the passage whose features `addEvidence(in:into:citesFeatures:)` summed last:
    /// the one with the largest log-odds against neutral (neutral's own being 0); nil when the
    /// model has no stance or knows none of the passage's features.
    func stance(in workspace: JudgementWorkspace) -> SentimentLabel? {
        guard hasStance, !workspace.modelFeatures.isEmpty else { return nil }
        return likeliest(of: SentimentLabel.allCases, in: workspace)
    }

    /// The stance of `candidates` with the largest log-odds, the first of equals; nil for none.
    /// A loop rather than `max(by:)`, whose closure would copy the workspace (retaining each of its
    /// buffers) at every comparison, and a stance is judged for every passage.
    private func likeliest(of candidates: [SentimentLabel], in workspace: JudgementWorkspace) -> SentimentLabel? {
        var likeliest: SentimentLabel?
        var largestOdds = -Double.infinity
        for stance in candidates {
            let stanceOdds = odds(of: stance, in: workspace)
            if likeliest == nil || largestOdds < stanceOdds { (likeliest, largestOdds) = (stance, stanceOdds) }
        }
        return likeliest
    }

    /// Whether the model knows enough of the passage whose features
    /// `addEvidence(in:into:citesFeatures:)` summed last to speak of its concerns
    /// (`minimumFeatures`); below that, the passage is left to the trigger phrases.
    func hasReadEnough(of workspace: JudgementWorkspace) -> Bool {
        workspace.modelKnownFeatures >= Self.minimumFeatures
    }

    /// The log-odds of a stance against neutral in the passage whose features
    /// `addEvidence(in:into:citesFeatures:)` summed last.
    @inline(__always)
    private func odds(of stance: SentimentLabel, in workspace: JudgementWorkspace) -> Double {
        guard let column = stanceColumn(of: stance) else { return 0 }
        return biases[column] + workspace.modelSums[column] / Double(workspace.modelFeatures.count).squareRoot()
    }

    /// The column of a stance's weights; nil for neutral, against which the others are weighed.
    @inline(__always)
    private func stanceColumn(of stance: SentimentLabel) -> Int? {
        Self.stanceColumns.firstIndex(of: stance).map { Concern.allCases.count + $0 }
    }

    /// The byte ranges of the words that set `stance` furthest apart from the next likeliest
    /// stance in the passage whose features `addEvidence(in:into:citesFeatures:)` summed last (and
    /// kept in the workspace): the features whose weight for `stance` most exceeds their weight
    /// for the runner-up, strongest first.
    func stanceEvidence(for stance: SentimentLabel, in workspace: JudgementWorkspace) -> [Range<Int32>] {
        guard hasStance, !workspace.modelFeatures.isEmpty,
              let runnerUp = likeliest(of: SentimentLabel.allCases.filter { $0 != stance }, in: workspace) else { return [] }
        let (chosenColumn, runnerUpColumn) = (stanceColumn(of: stance), stanceColumn(of: runnerUp))
        var pushes: [(feature: ConcernFeature, push: Double)] = []
        for item in workspace.modelFeatures {
            let push = (chosenColumn.map { Double(weights[item.row, $0]) } ?? 0) - (runnerUpColumn.map { Double(weights[item.row, $0]) } ?? 0)
            if push > 0 { pushes.append((item.feature, push)) }
        }
        var ranges: [Range<Int32>] = []
        for item in pushes.sorted(by: { $0.push > $1.push }).prefix(Self.evidenceFeatures) {
            forEachWordRange(of: item.feature, in: workspace) { ranges.append($0) }
        }
        return ranges
    }

    /// Calls `body` with where a feature shows in the passage: neighbouring words as one phrase,
    /// the words of two families each on their own.
    @inline(__always)
    private func forEachWordRange(of feature: ConcernFeature, in workspace: JudgementWorkspace, _ body: (Range<Int32>) -> Void) {
        let first = workspace.tokens[Int(feature.first)]
        let second = feature.second >= 0 ? workspace.tokens[Int(feature.second)] : first
        if feature.second < 0 || feature.second == feature.first + 1 {
            body(first.start..<second.end)
        } else {
            body(first.start..<first.end)
            body(second.start..<second.end)
        }
    }

    /// Every distinct feature of the passage read into `workspace`, by name, in reading order.
    func featureNames(in workspace: inout JudgementWorkspace) -> [String] {
        var features: [ConcernFeature] = []
        var seen: Set<UInt64> = []
        forEachFeature(in: &workspace) { feature in
            if seen.insert(feature.hash).inserted { features.append(feature) }
        }
        return features.map { name(of: $0, in: workspace) }
    }

    /// Adds the model's evidence for the passage read into `workspace`: for each concern whose
    /// probability reaches its threshold, the features that pushed it most, the strongest
    /// carrying the probability as its weight. Drops the weak phrases of the concerns it finds
    /// unlikely (`overrulingProbability`; in a long passage, `longPassageOverrulingProbability`).
    ///
    /// The summed weights of every column, the stance's included, and the passage's features the
    /// model has a row for are left in the workspace for `stance(in:)` and
    /// `stanceEvidence(for:in:)`.
    ///
    /// With `citesFeatures` false, a concern found gets one piece of evidence, its probability,
    /// at no place in the passage: the confidence is the same, and the search for the strongest
    /// features, which only shows them, is skipped.
    func addEvidence(in workspace: inout JudgementWorkspace, into evidence: inout [ConcernEvidence], citesFeatures: Bool) {
        // The passage's features any column weighs, each once with the start of its row, kept in
        // the workspace's scratch for the evidence below; `known` counts those the concerns weigh.
        var present = workspace.modelFeatures
        workspace.modelFeatures = []
        defer { workspace.modelFeatures = present }
        present.removeAll(keepingCapacity: true)
        // Each row seen in this passage is stamped with the passage's number, so that a feature
        // shown twice counts once and forgetting them all for the next passage is one increment.
        var stamps = workspace.modelRowStamps
        workspace.modelRowStamps = []
        defer { workspace.modelRowStamps = stamps }
        if stamps.count != rowCount || workspace.modelPassage == .max {
            stamps = Array(repeating: 0, count: rowCount)
            workspace.modelPassage = 0
        }
        workspace.modelPassage += 1
        let passage = workspace.modelPassage
        var known = 0
        var low = SIMD8<Double>()
        var high = SIMD8<Double>()
        let rowsByHash = rowsByHash
        let concernRowCount = concernRowCount
        let weights = weights
        stamps.withUnsafeMutableBufferPointer { stamps in
            forEachFeature(in: &workspace) { feature in
                guard self.mayKnow(feature.hash), let row = rowsByHash.value(for: feature.hash), stamps[Int(row)] != passage else { return }
                stamps[Int(row)] = passage
                let rowWeights = weights.row(Int(row))
                low += SIMD8<Double>(rowWeights.lowHalf)
                high += SIMD8<Double>(rowWeights.highHalf)
                if row < concernRowCount { known += 1 }
                present.append(ModelFeature(feature: feature, row: Int32(row)))
            }
        }
        var sums = workspace.modelSums
        workspace.modelSums = []
        defer { workspace.modelSums = sums }
        sums.removeAll(keepingCapacity: true)
        for column in 0..<Self.columnCount { sums.append(column < 8 ? low[column] : high[column - 8]) }
        if !workspace.ruleMatches.innocentSpans.isEmpty {
            setAsideInnocentFeatures(&present, sums: &sums, in: &workspace)
        }
        workspace.modelKnownFeatures = known
        guard known >= Self.minimumFeatures else { return }
        // Features count as a vector of unit length, so long and short passages weigh alike.
        let scale = 1 / Double(known).squareRoot()
        let isLong = known >= Self.longPassageFeatures
        let overrulingProbability = isLong ? Self.longPassageOverrulingProbability : Self.overrulingProbability
        let overruledWeight = isLong ? Self.longPassageOverruledWeight : Self.overruledWeight
        // The concerns whose weak phrases the model overrules, as bits by rank. None of them can
        // reach its threshold below, so dropping their phrases after the loop leaves its evidence be.
        var overruled: UInt32 = 0
        var chosen = workspace.strongestFeatures
        workspace.strongestFeatures = []
        defer { workspace.strongestFeatures = chosen }
        for concern in Concern.allCases {
            let probability = probability(biases[concern.rank] + sums[concern.rank] * scale)
            if concern != .safeguarding, learnt[concern.rank], probability < overrulingProbability {
                overruled |= 1 << UInt32(concern.rank)
            }
            let threshold = concern == .safeguarding ? safeguardingThreshold(knownFeatures: known)
                : max(thresholds[concern.rank], Self.minimumProbability)
            guard probability >= threshold else { continue }
            // Only from features this concern has a weight for: a concern learnt from the school
            // posts alone is not raised on words only a public set taught the model.
            let column = concern.rank
            let bit = UInt32(1) << UInt32(column)
            guard present.count(where: { weights[$0.row, column] != 0 && $0.innocentFor & bit == 0 }) >= Self.minimumFeatures else { continue }
            guard citesFeatures else {
                // As cited, the probability rides on the strongest feature pushing toward the
                // concern, so it counts only when there is one.
                guard present.contains(where: { weights[$0.row, column] > 0 && $0.innocentFor & bit == 0 }) else { continue }
                let weight = min(probability, ConcernClassifier.maximumConfidence)
                evidence.append(ConcernEvidence(concern: concern, kind: .model, key: 0, weight: weight, start: 0, end: 0, isPhrase: false))
                continue
            }
            strongest(of: present, in: column, into: &chosen)
            for (index, item) in chosen.enumerated() {
                let weight = index == 0 ? min(probability, ConcernClassifier.maximumConfidence) : 0
                let feature = item.feature
                forEachWordRange(of: feature, in: workspace) { range in
                    evidence.append(ConcernEvidence(concern: concern, kind: .model, key: feature.hash,
                                                    weight: weight, start: range.lowerBound, end: range.upperBound, isPhrase: false))
                }
            }
        }
        if overruled != 0, !evidence.isEmpty {
            evidence.removeAll { item in
                overruled & (1 << UInt32(item.concern.rank)) != 0 && (item.kind == .phrase || item.kind == .question)
                    && item.weight <= overruledWeight
            }
        }
    }

    /// Marks the features every showing of which lies inside an innocent reading of a concern
    /// ("watch this space for" the results, where "watch" is mostly a threat) and takes their
    /// weights for that concern off its sum, as the reading takes the trigger phrases inside it off
    /// the concern; a weight against the concern stays. A family shows by the first word of it in
    /// each sentence. A feature set aside still counts among those the model knows of the passage.
    /// Innocent readings are rare, so the passage's features are walked again here rather than
    /// located on every passage.
    private func setAsideInnocentFeatures(_ present: inout [ModelFeature], sums: inout [Double],
                                          in workspace: inout JudgementWorkspace) {
        let tokens = workspace.tokens
        let spans = workspace.ruleMatches.innocentSpans
        let rowsByHash = rowsByHash
        // The concerns, as bits, each row's showings have all been innocent of so far.
        var innocentByRow: [Int32: UInt32] = [:]
        forEachFeature(in: &workspace) { feature in
            guard self.mayKnow(feature.hash), let row = rowsByHash.value(for: feature.hash) else { return }
            let start = tokens[Int(feature.first)].start
            let end = tokens[Int(max(feature.first, feature.second))].end
            var concerns: UInt32 = 0
            for span in spans where span.start <= start && end <= span.end {
                concerns |= 1 << UInt32(span.concern.rank)
            }
            innocentByRow[row] = (innocentByRow[row] ?? concerns) & concerns
        }
        for index in present.indices {
            guard let innocent = innocentByRow[present[index].rowIndex], innocent != 0 else { continue }
            var remaining = innocent
            while remaining != 0 {
                let column = remaining.trailingZeroBitCount
                remaining &= remaining - 1
                let weight = weights[present[index].row, column]
                guard weight > 0 else { continue }
                sums[column] -= Double(weight)
                present[index].innocentFor |= 1 << UInt32(column)
            }
        }
    }

    /// The features with the largest positive weights in `column`, strongest first (the first
    /// in reading order among equals), at most `evidenceFeatures` of them, in `chosen`.
    private func strongest(of present: [ModelFeature], in column: Int, into chosen: inout [WeighedFeature]) {
        chosen.removeAll(keepingCapacity: true)
        let bit = UInt32(1) << UInt32(column)
        for item in present where item.innocentFor & bit == 0 {
            let weight = weights[item.row, column]
            guard weight > 0 else { continue }
            guard chosen.count < Self.evidenceFeatures || weight > chosen[chosen.count - 1].weight else { continue }
            // Into its place by moving the lighter ones down, the lightest falling off when full.
            let feature = WeighedFeature(feature: item.feature, weight: weight)
            if chosen.count < Self.evidenceFeatures { chosen.append(feature) }
            var place = chosen.count - 1
            while place > 0, chosen[place - 1].weight < weight {
                chosen[place] = chosen[place - 1]
                place -= 1
            }
            chosen[place] = feature
        }
    }
}

/// A feature with its weight in one column.
struct WeighedFeature {
    var feature: ConcernFeature
    var weight: Float
}
