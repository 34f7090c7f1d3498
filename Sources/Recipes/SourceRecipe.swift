import Foundation
import Model

/// A source made by a recipe: the source to list, and the recipe that made it.
public struct SourceRecipe: Sendable, Hashable {
    /// The recipe, for its notes.
    public var kind: RecipeKind
    /// The source as it goes into the OPML file.
    public var source: Source

    /// Pairs a source with the recipe that made it.
    public init(kind: RecipeKind, source: Source) {
        self.kind = kind
        self.source = source
    }
}
