import Foundation
import Model

extension Store {
    /// A draft reply kept on a case, with what the draft check said of it.
    public struct Draft: Hashable, Sendable {
        public var id: Int64
        public var audience: String
        public var text: String
        public var author: String
        public var createdAt: Date
        /// The draft check's findings, in words; empty when it passed.
        public var problems: [String]
    }

    /// Everything about one case: its summary, the posts in it, its drafts and its audit trail.
    public struct CaseRecord: Sendable {
        public var summary: CaseSummary
        public var findings: [FindingSummary]
        public var drafts: [Draft]
        public var audit: [AuditEntry]
    }

    /// Moves a case from `from` to `to` and records who did it, when and why.
    /// - Parameter latestDraftID: when given, the move happens only if this is still the case's
    ///   latest draft (an approval of the draft a leader read, not of one saved meanwhile).
    /// - Throws: ``StorageError`` with the conflict code when the case is not in `from` any more, or
    ///   a newer draft was saved (someone else moved it first).
    public func transition(
        _ caseID: CaseID, from: CaseStatus, to: CaseStatus, action: String, actor: String, reason: String?, at date: Date,
        latestDraftID: Int64? = nil
    ) throws(StorageError) {
        try inTransaction("move case \(caseID)") {
            if let latestDraftID {
                let latest = try connection.query("SELECT max(id) AS latest FROM drafts WHERE case_id = ?", [.integer(caseID.rawValue)])
                    .first?["latest"].integer
                guard latest == latestDraftID else {
                    throw StorageError(code: StorageError.conflictCode, operation: "move case \(caseID)",
                                       message: "a newer draft was saved; read it first")
                }
            }
            try setStatus(caseID, from: from, to: to, action: action, actor: actor, reason: reason, at: date)
        }
    }

    func setStatus(
        _ caseID: CaseID, from: CaseStatus, to: CaseStatus, action: String, actor: String, reason: String?, at date: Date
    ) throws(StorageError) {
        let moved = try connection.query("UPDATE cases SET status = ?, updated_at = ? WHERE id = ? AND status = ? RETURNING id",
                                         [.text(to.rawValue), SQLValue(date), .integer(caseID.rawValue), .text(from.rawValue)])
        guard moved.count == 1 else {
            throw StorageError(code: StorageError.conflictCode, operation: "move case \(caseID)",
                               message: "the case is no longer \(from.rawValue); someone moved it first, so read it again")
        }
        try appendAudit(caseID: caseID, at: date, actor: actor, action: action, from: from, to: to, reason: reason)
    }

    /// Gives a case to a named person, keeping its owner role, and records it.
    public func assign(_ caseID: CaseID, to assignee: String, actor: String, at date: Date) throws(StorageError) {
        try inTransaction("assign case \(caseID)") {
            guard let status = try connection.query("SELECT status FROM cases WHERE id = ?", [.integer(caseID.rawValue)])
                .first?["status"].text.flatMap(CaseStatus.init(rawValue:)) else {
                throw StorageError(code: -1, operation: "assign case \(caseID)", message: "no such case")
            }
            try connection.query("UPDATE cases SET assignee = ?, updated_at = ? WHERE id = ?",
                                 [.text(assignee), SQLValue(date), .integer(caseID.rawValue)])
            try appendAudit(caseID: caseID, at: date, actor: actor, action: "assign", from: status, to: status,
                            reason: "assigned to \(assignee)")
        }
    }

    /// Keeps a draft reply on a case, with its check's findings, and records it in the audit trail.
    @discardableResult
    public func addDraft(
        to caseID: CaseID, audience: String, text: String, author: String, problems: [String], at date: Date
    ) throws(StorageError) -> Int64 {
        try inTransaction("add a draft to case \(caseID)") {
            guard let status = try connection.query("SELECT status FROM cases WHERE id = ?", [.integer(caseID.rawValue)])
                .first?["status"].text.flatMap(CaseStatus.init(rawValue:)) else {
                throw StorageError(code: -1, operation: "add a draft to case \(caseID)", message: "no such case")
            }
            let inserted = try connection.query(
                "INSERT INTO drafts (case_id, audience, text, author, created_at, problems_json) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                [.integer(caseID.rawValue), .text(audience), .text(text), .text(author), SQLValue(date),
                 .text(JSONColumn.encode(problems))])
            guard let id = inserted.first?["id"].integer else {
                throw StorageError(code: -1, operation: "add a draft to case \(caseID)", message: "the new draft has no id")
            }
            try appendAudit(caseID: caseID, at: date, actor: author, action: "draft", from: status, to: status,
                            reason: problems.isEmpty ? "draft \(id) passed the check" : "draft \(id): \(problems.count) problem(s) found")
            return id
        }
    }

    /// A case with its posts, drafts and audit trail; nil when there is no such case, or when
    /// `school` is given and the case is another school's.
    public func caseRecord(_ caseID: CaseID, school: SchoolID? = nil) throws(StorageError) -> CaseRecord? {
        guard let summary = try caseSummary(caseID, school: school) else { return nil }
        let keys = try connection.query("SELECT item_key FROM case_findings WHERE case_id = ? ORDER BY joined_at, item_key",
                                        [.integer(caseID.rawValue)]).compactMap { $0["item_key"].text }
        let findings = try findings(keys: keys.map(ItemKey.init(rawValue:)))
        let drafts = try connection.query("SELECT * FROM drafts WHERE case_id = ? ORDER BY id", [.integer(caseID.rawValue)])
            .map { row in
                Draft(id: row["id"].integer ?? 0, audience: row["audience"].text ?? "", text: row["text"].text ?? "",
                      author: row["author"].text ?? "", createdAt: row["created_at"].date ?? .distantPast,
                      problems: JSONColumn.decode([String].self, from: row["problems_json"].text) ?? [])
            }
        return CaseRecord(summary: summary, findings: findings, drafts: drafts, audit: try auditTrail(for: caseID))
    }
}
