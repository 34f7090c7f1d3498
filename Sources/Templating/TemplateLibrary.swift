import Foundation
import Mustache
import Synchronization

/// The Mustache templates of one folder of a bundle, each registered under its file name without
/// `.mustache`, so that they can include one another as partials (`{{>name}}`) or inherit from one
/// another (`{{<layout}}…{{/layout}}`).
///
/// Every variable is escaped as markup (see ``MarkupContentType``); loading refuses a template
/// that does not declare that escaping on its first line, or that could switch escaping off.
public struct TemplateLibrary: Sendable {
    private let library: MustacheLibrary
    /// The names of the templates loaded, sorted.
    public let names: [String]

    /// Loads every `.mustache` file in `folder` of `bundle`.
    /// - Throws: ``TemplateError`` when the folder cannot be read, or a template is malformed or
    ///   breaks the escaping rules.
    public init(bundle: Bundle, folder: String) throws(TemplateError) {
        guard let directory = bundle.url(forResource: folder, withExtension: nil) else {
            throw TemplateError(template: folder, reason: "the folder is not in the bundle \(bundle.bundlePath)")
        }
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "mustache" }
        } catch {
            throw TemplateError(template: folder, reason: "cannot list \(directory.path): \(error)")
        }
        Self.registerMarkupEscaping()
        var library = MustacheLibrary()
        for file in files {
            let name = file.deletingPathExtension().lastPathComponent
            let text: String
            do {
                text = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw TemplateError(template: name, reason: "cannot read \(file.path): \(error)")
            }
            try Self.checkEscaping(of: text, named: name)
            do {
                try library.register(text, named: name)
            } catch {
                throw TemplateError(template: name, reason: "does not parse: \(error)")
            }
        }
        self.library = library
        names = files.map { $0.deletingPathExtension().lastPathComponent }.sorted()
    }

    /// `values` rendered through the template named `name`; values are read by property name (or
    /// dictionary key), and every one is escaped as markup.
    /// - Throws: ``TemplateError`` when there is no such template.
    public func render(_ values: Any, with name: String) throws(TemplateError) -> String {
        guard let text = library.render(values, withTemplate: name) else {
            throw TemplateError(template: name, reason: "there is no such template")
        }
        return text
    }

    /// Refuses a template that does not start by declaring markup escaping, or that could turn it
    /// off for a value: triple braces and `{{&…}}` write a value unescaped, and new delimiters
    /// would hide such tags from this check.
    static func checkEscaping(of text: String, named name: String) throws(TemplateError) {
        guard text.hasPrefix(MarkupContentType.declaration) else {
            throw TemplateError(template: name, reason: "does not start with \(MarkupContentType.declaration)")
        }
        for (tag, meaning) in [("{{{", "writes a value unescaped"), ("{{&", "writes a value unescaped"), ("{{=", "changes the delimiters")]
        where text.contains(tag) {
            throw TemplateError(template: name, reason: "uses \(tag), which \(meaning)")
        }
    }

    /// Registers ``MarkupContentType`` with swift-mustache, once per process, before any template
    /// that declares it is parsed.
    private static func registerMarkupEscaping() {
        registration.withLock { isRegistered in
            guard !isRegistered else { return }
            MustacheContentTypes.register(MarkupContentType(), named: MarkupContentType.name)
            isRegistered = true
        }
    }

    private static let registration = Mutex(false)
}
