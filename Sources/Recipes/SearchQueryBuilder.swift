import Foundation

/// Builds the queries that search one engine for the school, in the engine's own syntax.
///
/// Names are quoted and joined with OR: `"Hollin Brook Academy" OR "Hollin Brook School"`.
/// Ambiguous aliases are searched only beside the place, `("Hollin Brook" OR "HBA") "Aireby"`,
/// and not at all without one. Each query carries as exclusions the exclusion phrases that contain
/// one of its terms (`-"Hollin Brook Road"` for Google and Bing, `NOT "Hollin Brook Road"` for
/// Reddit); a phrase that shares no term with the query would exclude nothing. When the terms and
/// their exclusions are longer than the engine allows, they are split across several queries, each
/// a feed of its own; a single term whose exclusions still do not fit keeps as many as fit, and
/// Earshot's own matching applies every exclusion phrase to what comes back anyway.
public struct SearchQueryBuilder: Sendable {
    /// The engine whose syntax and limits the queries follow.
    public let engine: SearchEngine

    /// Creates a builder for one engine.
    public init(engine: SearchEngine) {
        self.engine = engine
    }

    /// The queries that together search for every name, and for every alias beside the place.
    /// - Returns: names' queries first, then aliases'; empty when there are no names or aliases to search.
    public func queries(for terms: SearchTerms) -> [String] {
        let names = Self.distinct(terms.names)
        var queries = split(names, qualifier: nil, exclusionPhrases: terms.exclusionPhrases)
        let place = terms.place?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !place.isEmpty {
            let nameKeys = Set(names.map(QueryText.folded))
            let aliases = Self.distinct(terms.ambiguousAliases).filter { !nameKeys.contains(QueryText.folded($0)) }
            queries += split(aliases, qualifier: QueryText.phrase(place), exclusionPhrases: terms.exclusionPhrases)
        }
        return queries
    }

    /// `terms` in as few queries as the engine's limit allows, each with its exclusions.
    private func split(_ terms: [String], qualifier: String?, exclusionPhrases: [String]) -> [String] {
        var queries: [String] = []
        var chunk: [String] = []
        for term in terms {
            let widened = chunk + [term]
            let candidate = query(widened, qualifier: qualifier, exclusions: relevant(exclusionPhrases, to: widened))
            if chunk.isEmpty || engine.lengthLimit.allows(candidate) {
                chunk = widened
            } else {
                queries.append(fitted(chunk, qualifier: qualifier, exclusionPhrases: exclusionPhrases))
                chunk = [term]
            }
        }
        if !chunk.isEmpty { queries.append(fitted(chunk, qualifier: qualifier, exclusionPhrases: exclusionPhrases)) }
        return queries
    }

    /// The query for `chunk` with as many of its exclusions as the limit leaves room for, in order.
    private func fitted(_ chunk: [String], qualifier: String?, exclusionPhrases: [String]) -> String {
        var exclusions = relevant(exclusionPhrases, to: chunk)
        while !exclusions.isEmpty, !engine.lengthLimit.allows(query(chunk, qualifier: qualifier, exclusions: exclusions)) {
            exclusions.removeLast()
        }
        return query(chunk, qualifier: qualifier, exclusions: exclusions)
    }

    private func query(_ terms: [String], qualifier: String?, exclusions: [String]) -> String {
        let alternatives = terms.map(QueryText.phrase).joined(separator: " OR ")
        let isFollowed = qualifier != nil || !exclusions.isEmpty
        var query = terms.count > 1 && isFollowed ? "(\(alternatives))" : alternatives
        if let qualifier { query += " " + qualifier }
        for phrase in exclusions { query += " " + engine.exclusionPrefix + QueryText.phrase(phrase) }
        return query
    }

    /// The exclusion phrases that contain one of `terms` as whole words.
    private func relevant(_ exclusionPhrases: [String], to terms: [String]) -> [String] {
        let keys = terms.map { " " + QueryText.folded($0) + " " }
        return Self.distinct(exclusionPhrases).filter { phrase in
            let padded = " " + QueryText.folded(phrase) + " "
            return keys.contains { padded.contains($0) }
        }
    }

    /// Non-empty terms without repeats, compared without regard to case or spacing, in order.
    private static func distinct(_ terms: [String]) -> [String] {
        var seen = Set<String>()
        return terms.filter { term in
            let key = QueryText.folded(term)
            return !key.isEmpty && seen.insert(key).inserted
        }
    }
}
