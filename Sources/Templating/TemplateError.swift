/// What went wrong loading or rendering templates: which template, and why.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// The template's name (its file name without `.mustache`), or the folder when none was read.
    public var template: String
    /// What was wrong with it.
    public var reason: String

    /// A failure of one template, or of the folder that holds them.
    public init(template: String, reason: String) {
        self.template = template
        self.reason = reason
    }

    public var description: String { "template \(template): \(reason)" }
}
