/// An Aho–Corasick automaton over folded word tokens: finds every occurrence of every pattern
/// (a sequence of words) in one left-to-right pass over a token stream.
///
/// Names, aliases, context words and exclusion phrases all go into one automaton, so a passage
/// is read once however large the profile is. Patterns are sequences of words rather than
/// characters, which keeps matches on word boundaries without any extra checks.
struct TokenAutomaton: Sendable {
    /// One occurrence: which pattern, and the token range it covers (end exclusive).
    struct Match: Hashable, Sendable {
        var pattern: Int
        var tokenStart: Int
        var tokenEnd: Int
    }

    private static let root = 0

    private var vocabulary: [String: Int] = [:]
    private var transitions: [[Int: Int]] = [[:]]
    private var failure: [Int] = [0]
    /// Patterns that end at each node, including those reached through failure links.
    private var outputs: [[Int]] = [[]]
    private var patternLengths: [Int] = []

    /// Compiles the patterns; a pattern's index in this array identifies it in matches.
    init(patterns: [[String]]) {
        for words in patterns {
            insert(words)
        }
        linkFailures()
    }

    /// Every occurrence of every pattern in a stream of symbols. A `nil` symbol stands for a
    /// token that is not a word (a hashtag, a URL): no pattern spans it.
    func matches(in symbols: [String?]) -> [Match] {
        var found: [Match] = []
        var state = Self.root
        for (position, symbol) in symbols.enumerated() {
            guard let symbol, let id = vocabulary[symbol] else {
                state = Self.root
                continue
            }
            while state != Self.root, transitions[state][id] == nil {
                state = failure[state]
            }
            state = transitions[state][id] ?? Self.root
            for pattern in outputs[state] {
                let length = patternLengths[pattern]
                found.append(Match(pattern: pattern, tokenStart: position + 1 - length, tokenEnd: position + 1))
            }
        }
        return found
    }

    private mutating func insert(_ words: [String]) {
        let pattern = patternLengths.count
        patternLengths.append(words.count)
        guard !words.isEmpty else { return }
        var node = Self.root
        for word in words {
            let id: Int
            if let known = vocabulary[word] {
                id = known
            } else {
                id = vocabulary.count
                vocabulary[word] = id
            }
            if let next = transitions[node][id] {
                node = next
            } else {
                transitions.append([:])
                failure.append(Self.root)
                outputs.append([])
                let next = transitions.count - 1
                transitions[node][id] = next
                node = next
            }
        }
        outputs[node].append(pattern)
    }

    /// Breadth-first: each node's failure link is the longest proper suffix of its path that is
    /// also a path from the root.
    private mutating func linkFailures() {
        var queue: [Int] = []
        for child in transitions[Self.root].values {
            failure[child] = Self.root
            queue.append(child)
        }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for (symbol, child) in transitions[node].sorted(by: { $0.key < $1.key }) {
                var fallback = failure[node]
                while fallback != Self.root, transitions[fallback][symbol] == nil {
                    fallback = failure[fallback]
                }
                let target = transitions[fallback][symbol] ?? Self.root
                failure[child] = target == child ? Self.root : target
                outputs[child].append(contentsOf: outputs[failure[child]])
                queue.append(child)
            }
        }
    }
}
