import Foundation
import Model

/// Who a reply is written for; each has its own templates.
public enum Audience: String, CaseIterable, Hashable, Sendable, Codable {
    case parent
    case student
    case `public`
    case press

    /// Whom a reply on a case of this concern is usually for: the press for a press enquiry, a
    /// parent otherwise. Both front ends start a draft with it unless told otherwise.
    public static func usual(for concern: Concern) -> Audience {
        concern == .pressEnquiry ? .press : .parent
    }
}

/// Reply templates per concern and audience, in the policy's tone, as text files the school can edit.
///
/// A template is `<concern>.<audience>.txt` (for example `complaint.parent.txt`); the most specific
/// one found wins: concern and audience, then the concern for any audience (`safeguarding.any.txt`),
/// then any concern for the audience (`any.press.txt`). Files in the school's own folder replace
/// the bundled ones of the same name. Placeholders: `{{name}}` (the post's author, or "there"),
/// `{{signature}}`, `{{contact}}` and `{{school}}`.
public struct DraftTemplates: Sendable {
    /// Template texts by file name.
    public let templates: [String: String]

    public init(templates: [String: String]) {
        self.templates = templates
    }

    /// The bundled templates, with any files in `folder` laid over them.
    /// - Throws: ``WorkflowError/missingResource(name:)`` when the bundled templates cannot be read.
    public static func load(overridesIn folder: URL?) throws(WorkflowError) -> DraftTemplates {
        guard let bundled = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "templates", withExtension: nil) else {
            throw .missingResource(name: "templates")
        }
        var templates = read(bundled)
        if let folder {
            templates.merge(read(folder)) { _, school in school }
        }
        return DraftTemplates(templates: templates)
    }

    private static func read(_ folder: URL) -> [String: String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var result: [String: String] = [:]
        for name in names where name.hasSuffix(".txt") {
            if let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) {
                result[name] = text
            }
        }
        return result
    }

    /// The template name chosen for a concern and audience.
    public func templateName(for concern: Concern, audience: Audience) -> String? {
        ["\(concern.rawValue).\(audience.rawValue).txt", "\(concern.rawValue).any.txt", "any.\(audience.rawValue).txt"]
            .first { templates[$0] != nil }
    }

    /// A first draft for a case: the chosen template with its placeholders filled in.
    public func draft(for concern: Concern, audience: Audience, name: String?, signature: String, contact: String, school: String) -> String? {
        guard let templateName = templateName(for: concern, audience: audience), let template = templates[templateName] else { return nil }
        let trimmedName = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return template
            .replacingOccurrences(of: "{{name}}", with: trimmedName.isEmpty ? "there" : trimmedName)
            .replacingOccurrences(of: "{{signature}}", with: signature)
            .replacingOccurrences(of: "{{contact}}", with: contact)
            .replacingOccurrences(of: "{{school}}", with: school)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
