import Model
import Mustache

/// The escaping every template declares with `{{% CONTENT_TYPE: EARSHOT_MARKUP }}`: ``MarkupText``,
/// which escapes at the level of Unicode scalars and neutralises direction controls.
struct MarkupContentType: MustacheContentType {
    /// The name templates declare it by.
    static let name = "EARSHOT_MARKUP"
    /// The first line every template must start with.
    static let declaration = "{{% CONTENT_TYPE: \(name) }}"

    func escapeText(_ text: String) -> String {
        MarkupText.escaped(text)
    }
}
