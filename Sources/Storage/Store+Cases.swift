import Foundation
import Model

extension Store {
    /// The actor recorded in the audit log for what Earshot does by itself.
    public static let systemActor = "earshot"

    /// Decides what a new post does to the case of its conversation (Workflow's `CaseJoin(joining:to:)`).
    public typealias CaseJoining = @Sendable (CaseTriage, CaseSnapshot) -> CaseJoin

    /// Why a finding is filed, for what is checked first and what the audit trail says.
    enum FilingOccasion {
        /// A post seen for the first time.
        case newPost
        /// The publisher's own copy of a post stored so far through a search engine's stand-in:
        /// the same post, read in full.
        case publishersCopy
        /// A post taken as history, taken up by a backfill.
        case takenUpFromHistory

        /// The audit trail's words for a post of this occasion joining a case.
        func joinReason(_ concern: Concern) -> String {
            switch self {
            case .newPost: "another post in the conversation: \(concern.displayName)"
            case .publishersCopy: "the post read in full from its publisher: \(concern.displayName)"
            case .takenUpFromHistory: "another post in the conversation, taken up from history: \(concern.displayName)"
            }
        }

        /// The audit trail's words for a post of this occasion opening a case.
        func openReason(_ triage: CaseTriage) -> String {
            let found = "\(triage.primaryConcern.displayName) found; owner \(triage.owner)"
            return self == .takenUpFromHistory ? found + "; taken up from history" : found
        }
    }

    /// Files a finding of `school`: into that school's open case of its thread or (within
    /// `joinWindow`) of its author, or its thread's finished case there, as `joining` decides, or
    /// else into a case of its own. The publisher's copy of a post goes first into the case the
    /// post is already in at that school, and changes it only when it brings a concern the case
    /// does not list.
    func file(
        _ itemKey: ItemKey, of school: SchoolID, triage: CaseTriage, at seenAt: Date, joinWindow: TimeInterval, joining: CaseJoining,
        occasion: FilingOccasion = .newPost, into summary: inout RecordSummary
    ) throws(StorageError) {
        let columns = "id, status, primary_concern, concerns, owner, due_at, needs_approval, alert_at_once"
        let ofSchool = SQLValue.text(school.rawValue)
        var existing: SQLRow?
        if occasion == .publishersCopy {
            existing = try connection.query(
                """
                SELECT \(columns) FROM cases WHERE id = (SELECT max(case_findings.case_id) FROM case_findings
                    JOIN cases AS filed ON filed.id = case_findings.case_id WHERE case_findings.item_key = ? AND filed.school_id = ?)
                """,
                [.text(itemKey.rawValue), ofSchool]).first
        }
        if existing == nil, let thread = triage.threadKey {
            existing = try connection.query(
                "SELECT \(columns) FROM cases WHERE thread_key = ? AND school_id = ? ORDER BY id DESC LIMIT 1", [.text(thread), ofSchool]).first
        }
        if existing == nil, let author = triage.authorKey {
            let open = CaseStatus.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ")
            existing = try connection.query(
                """
                SELECT \(columns) FROM cases
                WHERE author_key = ? AND school_id = ? AND opened_at >= ? AND status IN (\(open)) ORDER BY id DESC LIMIT 1
                """,
                [.text(author), ofSchool, SQLValue(seenAt.addingTimeInterval(-joinWindow))]).first
        }
        guard let existing, let id = existing["id"].integer,
              let status = existing["status"].text.flatMap(CaseStatus.init(rawValue:)),
              let primary = existing["primary_concern"].text.flatMap(Concern.init(rawValue:)),
              let owner = existing["owner"].text, let dueAt = existing["due_at"].date else {
            summary.openedCases.append(try openCase(for: itemKey, of: school, triage: triage, at: seenAt, occasion: occasion))
            return
        }
        let caseID = CaseID(rawValue: id)
        let current = CaseSnapshot(
            status: status, primaryConcern: primary,
            concerns: (existing["concerns"].text ?? "").split(separator: ",").compactMap { Concern(rawValue: String($0)) },
            owner: Role(rawValue: owner), dueAt: dueAt,
            needsApproval: existing["needs_approval"].integer == 1, shouldAlertAtOnce: existing["alert_at_once"].integer == 1)
        // The same post read again with nothing new changes nothing: a sighting, not a join.
        if occasion == .publishersCopy, Set(triage.concerns).isSubset(of: current.concerns) { return }
        let join = joining(triage, current)
        try apply(join, of: itemKey, raising: triage.primaryConcern, to: caseID, from: current, at: seenAt, occasion: occasion)
        if let reopening = join.reopening {
            try setStatus(caseID, from: status, to: reopening.status, action: "reopen", actor: Store.systemActor,
                          reason: "a new post in the same conversation", at: seenAt)
            summary.reopenedCases.append(caseID)
        } else {
            summary.joinedCases.append(caseID)
        }
    }

    /// Applies a join as decided: the post joins the case, which takes the join's concerns,
    /// owner, due time and flags, a reopened case its new clock, and the owner's alert is reset
    /// when the join says so.
    private func apply(
        _ join: CaseJoin, of itemKey: ItemKey, raising postConcern: Concern, to caseID: CaseID, from current: CaseSnapshot, at seenAt: Date,
        occasion: FilingOccasion
    ) throws(StorageError) {
        try connection.query("INSERT INTO case_findings (case_id, item_key, joined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                             [.integer(caseID.rawValue), .text(itemKey.rawValue), SQLValue(seenAt)])
        try connection.query(
            """
            UPDATE cases SET primary_concern = ?, concerns = ?, owner = ?, due_at = ?, needs_approval = ?, alert_at_once = ?,
                updated_at = ? WHERE id = ?
            """,
            [.text(join.primaryConcern.rawValue), .text(join.concerns.map(\.rawValue).joined(separator: ",")),
             .text(join.owner.rawValue), SQLValue(join.dueAt), SQLValue(join.needsApproval), SQLValue(join.shouldAlertAtOnce),
             SQLValue(seenAt), .integer(caseID.rawValue)])
        if let reopening = join.reopening {
            try connection.query("UPDATE cases SET clock_started_at = ?, overdue_when_found = ? WHERE id = ?",
                                 [SQLValue(reopening.clockStartedAt), SQLValue(reopening.wasOverdueWhenFound), .integer(caseID.rawValue)])
        }
        if join.alertsAgain {
            try connection.query("UPDATE alerts SET sent_at = NULL WHERE case_id = ?", [.integer(caseID.rawValue)])
        }
        try appendAudit(caseID: caseID, at: seenAt, actor: Store.systemActor, action: "join", from: current.status, to: current.status,
                        reason: occasion.joinReason(postConcern)
                            + (join.raisesConcern ? "; now owned by \(join.owner)" : ""))
    }

    func openCase(
        for itemKey: ItemKey, of school: SchoolID, triage: CaseTriage, at openedAt: Date, occasion: FilingOccasion
    ) throws(StorageError) -> CaseID {
        let inserted = try connection.query(
            """
            INSERT INTO cases (item_key, school_id, primary_concern, concerns, owner, status, opened_at, clock_started_at,
                due_at, needs_approval, alert_at_once, overdue_when_found, updated_at, thread_key, author_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            [
                .text(itemKey.rawValue), .text(school.rawValue), .text(triage.primaryConcern.rawValue),
                .text(triage.concerns.map(\.rawValue).joined(separator: ",")), .text(triage.owner.rawValue),
                .text(CaseStatus.new.rawValue), SQLValue(openedAt), SQLValue(triage.clockStartedAt),
                SQLValue(triage.dueAt), SQLValue(triage.needsApproval), SQLValue(triage.shouldAlertAtOnce),
                SQLValue(triage.wasOverdueWhenFound), SQLValue(openedAt), SQLValue(triage.threadKey), SQLValue(triage.authorKey),
            ]
        )
        guard let id = inserted.first?["id"].integer else {
            throw StorageError(code: -1, operation: "open a case for \(itemKey)", message: "the new case has no id")
        }
        let caseID = CaseID(rawValue: id)
        try connection.query("INSERT INTO case_findings (case_id, item_key, joined_at) VALUES (?, ?, ?)",
                             [.integer(caseID.rawValue), .text(itemKey.rawValue), SQLValue(openedAt)])
        try appendAudit(caseID: caseID, at: openedAt, actor: Store.systemActor, action: "open", from: nil, to: .new,
                        reason: occasion.openReason(triage))
        return caseID
    }

    func appendAudit(
        caseID: CaseID, at date: Date, actor: String, action: String, from: CaseStatus?, to: CaseStatus, reason: String?
    ) throws(StorageError) {
        try connection.query(
            "INSERT INTO audit_log (case_id, at, actor, action, from_status, to_status, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.integer(caseID.rawValue), SQLValue(date), .text(actor), .text(action), SQLValue(from?.rawValue),
             .text(to.rawValue), SQLValue(reason)]
        )
    }

    /// Cases whose status is open, of `school` or of every school, soonest due first.
    public func openCases(school: SchoolID? = nil) throws(StorageError) -> [CaseSummary] {
        let open = CaseStatus.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try cases(where: "cases.status IN (\(open))", school: school)
    }

    /// Every case, of `school` or of every school, soonest due first.
    public func allCases(school: SchoolID? = nil) throws(StorageError) -> [CaseSummary] {
        try cases(where: "TRUE", school: school)
    }

    /// One case, whatever its status; nil when there is none, or when `school` is given and the
    /// case is another school's.
    public func caseSummary(_ caseID: CaseID, school: SchoolID? = nil) throws(StorageError) -> CaseSummary? {
        try cases(where: "cases.id = \(caseID.rawValue)", school: school).first
    }

    private func cases(where condition: String, school: SchoolID?) throws(StorageError) -> [CaseSummary] {
        let rows = try connection.query(
            """
            SELECT cases.*, items.title AS item_title, items.text AS item_text, items.link AS item_link,
                   sources.title AS source_title,
                   \(Self.firstResponseAt) AS first_response_at,
                   EXISTS (SELECT 1 FROM case_findings JOIN items AS post ON post.key = case_findings.item_key
                           WHERE case_findings.case_id = cases.id
                             AND \(connection.dialect.carries("'safeguarding'", inConcernList: "post.concerns_json"))) AS has_safeguarding_post
            FROM cases JOIN items ON items.key = cases.item_key
                       JOIN sources ON sources.id = items.first_source_id
            WHERE \(condition)\(school == nil ? "" : " AND cases.school_id = ?")
            ORDER BY cases.due_at, cases.id
            """,
            school.map { [SQLValue.text($0.rawValue)] } ?? []
        )
        return rows.compactMap { row in
            guard let id = row["id"].integer,
                  let status = row["status"].text.flatMap(CaseStatus.init(rawValue:)),
                  let primary = row["primary_concern"].text.flatMap(Concern.init(rawValue:)) else { return nil }
            let text = row["item_text"].text ?? ""
            // Capped again on the way out for items stored before there were limits.
            let title = TextLimits.capped(row["item_title"].text ?? "", to: TextLimits.title)
            return CaseSummary(
                id: CaseID(rawValue: id),
                status: status,
                primaryConcern: primary,
                concerns: (row["concerns"].text ?? "").split(separator: ",").compactMap { Concern(rawValue: String($0)) },
                owner: Role(rawValue: row["owner"].text ?? ""),
                openedAt: row["opened_at"].date ?? .distantPast,
                clockStartedAt: row["clock_started_at"].date ?? .distantPast,
                dueAt: row["due_at"].date ?? .distantPast,
                needsApproval: row["needs_approval"].integer == 1,
                wasOverdueWhenFound: row["overdue_when_found"].integer == 1,
                title: title.isEmpty ? Snippet.make(from: text, limit: 80) : title,
                snippet: Snippet.make(from: text),
                link: TextLimits.kept(row["item_link"].text.flatMap(URL.init(string:))),
                sourceTitle: row["source_title"].text ?? "",
                assignee: row["assignee"].text,
                firstResponseAt: row["first_response_at"].date,
                hasSafeguardingPost: row["has_safeguarding_post"].integer == 1,
                school: SchoolID(rawValue: row["school_id"].text ?? SchoolID.sole.rawValue)
            )
        }
    }

    /// One entry of a case's audit trail.
    public struct AuditEntry: Hashable, Sendable {
        public var at: Date
        public var actor: String
        public var action: String
        public var from: CaseStatus?
        public var to: CaseStatus
        public var reason: String?
    }

    /// A case's audit trail, oldest first.
    public func auditTrail(for caseID: CaseID) throws(StorageError) -> [AuditEntry] {
        try connection.query("SELECT * FROM audit_log WHERE case_id = ? ORDER BY id", [.integer(caseID.rawValue)])
            .compactMap { row in
                guard let to = row["to_status"].text.flatMap(CaseStatus.init(rawValue:)) else { return nil }
                return AuditEntry(
                    at: row["at"].date ?? .distantPast, actor: row["actor"].text ?? "", action: row["action"].text ?? "",
                    from: row["from_status"].text.flatMap(CaseStatus.init(rawValue:)), to: to, reason: row["reason"].text
                )
            }
    }
}
