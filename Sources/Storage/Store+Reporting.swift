import Foundation
import Model

extension Store {
    /// A digest written to disk, and whether it has been emailed yet.
    public struct DigestRecord: Hashable, Sendable {
        public var id: Int64
        public var day: String
        public var windowStart: Date
        public var generatedAt: Date
        public var htmlPath: String
        public var textPath: String
        public var subject: String
        public var sentAt: Date?
        public var sendAttempts: Int
        public var lastSendError: String?
        /// The school whose digest it is; nil for a single school's, ``SchoolID/trust`` for the
        /// trust's digest that sets its schools side by side.
        public var school: SchoolID?
    }

    /// Every finding's sentiment found since `start` as news (not taken as history), and the due
    /// time and first response of every case due since then; of `school` or of every school.
    ///
    /// A first response is the first acknowledgement, reply or dismissal in the audit trail.
    public func history(
        since start: Date, school: SchoolID? = nil
    ) throws(StorageError) -> (sentiment: [(discoveredAt: Date, compound: Double)], responses: [(dueAt: Date, firstResponseAt: Date?)]) {
        let (ofSchool, bindings) = Self.ofSchool(school)
        let points = try connection.query(
            """
            SELECT discovered_at, sentiment FROM items
            WHERE is_mention = 1 AND is_history = 0 AND discovered_at >= ? AND sentiment IS NOT NULL\(ofSchool)
            """,
            [SQLValue(start)] + bindings
        ).compactMap { row -> (discoveredAt: Date, compound: Double)? in
            guard let at = row["discovered_at"].date, let compound = row["sentiment"].real else { return nil }
            return (at, compound)
        }
        let responses = try connection.query(
            """
            SELECT cases.due_at AS due_at, \(Self.firstResponseAt) AS first_response
            FROM cases WHERE due_at >= ?\(school == nil ? "" : " AND school_id = ?")
            """,
            [SQLValue(start)] + bindings
        ).compactMap { row -> (dueAt: Date, firstResponseAt: Date?)? in
            guard let due = row["due_at"].date else { return nil }
            return (due, row["first_response"].date)
        }
        return (points, responses)
    }

    /// The most recent digest, if any.
    public func lastDigest() throws(StorageError) -> DigestRecord? {
        try digests(where: "TRUE ORDER BY generated_at DESC, id DESC LIMIT 1").first
    }

    /// The most recent regular digest (not one of a given past day) of `school` (nil: a single
    /// school's), where the next one starts.
    public func lastRegularDigest(school: SchoolID? = nil) throws(StorageError) -> DigestRecord? {
        try digests(where: "is_of_given_day = 0 AND coalesce(school_id, '') = ? ORDER BY generated_at DESC, id DESC LIMIT 1",
                    [.text(school?.rawValue ?? "")]).first
    }

    /// Every digest written, oldest first.
    public func digests() throws(StorageError) -> [DigestRecord] {
        try digests(where: "TRUE ORDER BY generated_at, id")
    }

    /// Digests written but not yet emailed, oldest first.
    public func unsentDigests() throws(StorageError) -> [DigestRecord] {
        try digests(where: "sent_at IS NULL ORDER BY generated_at, id")
    }

    /// Notes a digest written to disk; `isOfGivenDay` for a digest of a past day asked for by
    /// date; `school` for one school's digest of a trust, or the trust's.
    @discardableResult
    public func recordDigest(
        day: String, windowStart: Date, generatedAt: Date, htmlPath: String, textPath: String, subject: String,
        isOfGivenDay: Bool = false, school: SchoolID? = nil
    ) throws(StorageError) -> Int64 {
        let inserted = try connection.query(
            """
            INSERT INTO digests (day, window_start, generated_at, html_path, text_path, subject, is_of_given_day, school_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            [.text(day), SQLValue(windowStart), SQLValue(generatedAt), .text(htmlPath), .text(textPath), .text(subject),
             SQLValue(isOfGivenDay), SQLValue(school?.rawValue)])
        guard let id = inserted.first?["id"].integer else {
            throw StorageError(code: -1, operation: "note the digest of \(day)", message: "the new digest has no id")
        }
        return id
    }

    /// Notes an attempt to email a digest: sent when `error` is nil.
    public func noteDigestSend(_ id: Int64, at date: Date, error: String?) throws(StorageError) {
        try connection.query(
            "UPDATE digests SET send_attempts = send_attempts + 1, sent_at = ?, last_send_error = ? WHERE id = ?",
            [error == nil ? SQLValue(date) : .null, SQLValue(error), .integer(id)])
    }

    private func digests(where condition: String, _ bindings: [SQLValue] = []) throws(StorageError) -> [DigestRecord] {
        try connection.query("SELECT * FROM digests WHERE \(condition)", bindings).compactMap { row in
            guard let id = row["id"].integer else { return nil }
            return DigestRecord(
                id: id, day: row["day"].text ?? "", windowStart: row["window_start"].date ?? .distantPast,
                generatedAt: row["generated_at"].date ?? .distantPast, htmlPath: row["html_path"].text ?? "",
                textPath: row["text_path"].text ?? "", subject: row["subject"].text ?? "", sentAt: row["sent_at"].date,
                sendAttempts: Int(row["send_attempts"].integer ?? 0), lastSendError: row["last_send_error"].text,
                school: row["school_id"].text.map(SchoolID.init(rawValue:)))
        }
    }

    /// Open cases whose routing asks for an instant alert that has not been sent yet.
    public func casesAwaitingAlert() throws(StorageError) -> [CaseSummary] {
        let open = CaseStatus.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let ids = Set(try connection.query(
            """
            SELECT cases.id FROM cases LEFT JOIN alerts ON alerts.case_id = cases.id
            WHERE cases.alert_at_once = 1 AND cases.status IN (\(open)) AND alerts.sent_at IS NULL
            """
        ).compactMap { $0["id"].integer })
        return try openCases().filter { ids.contains($0.id.rawValue) }
    }

    /// Claims a case's alert for `holder` to send until `expiry`: true when it is not sent and no
    /// one else holds a live claim on it. Scanners sharing a store claim before they send, so that
    /// one alert is never sent twice; a claim lapses at its expiry, or when the send is noted.
    public func claimAlert(_ caseID: CaseID, for holder: String, until expiry: Date, at now: Date) throws(StorageError) -> Bool {
        try inTransaction("claim the alert for case \(caseID)") {
            try connection.query(
                """
                INSERT INTO alerts (case_id, attempts, claimed_by, claimed_until) VALUES (?, 0, ?, ?)
                ON CONFLICT(case_id) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
                WHERE alerts.sent_at IS NULL AND (alerts.claimed_until IS NULL OR alerts.claimed_until < ?)
                RETURNING case_id
                """,
                [.integer(caseID.rawValue), .text(holder), SQLValue(expiry), SQLValue(now)]).isEmpty == false
        }
    }

    /// Notes an attempt to alert a case's owner: sent when `error` is nil. A sent alert is never
    /// sent again; one that failed is free for the next run to claim.
    public func noteAlert(_ caseID: CaseID, at date: Date, error: String?) throws(StorageError) {
        try inTransaction("note alert for case \(caseID)") {
            try connection.query(
                """
                INSERT INTO alerts (case_id, sent_at, attempts, last_error) VALUES (?, ?, 1, ?)
                ON CONFLICT(case_id) DO UPDATE SET sent_at = excluded.sent_at, attempts = alerts.attempts + 1,
                    last_error = excluded.last_error, claimed_by = NULL, claimed_until = NULL
                """,
                [.integer(caseID.rawValue), error == nil ? SQLValue(date) : .null, SQLValue(error)])
            if error == nil, let status = try connection.query("SELECT status FROM cases WHERE id = ?", [.integer(caseID.rawValue)])
                .first?["status"].text.flatMap(CaseStatus.init(rawValue:)) {
                try appendAudit(caseID: caseID, at: date, actor: Store.systemActor, action: "alert", from: status, to: status,
                                reason: "owner alerted by email")
            }
        }
    }
}

extension Store {
    /// The names, in the audit trail, of the actions that answer a post: Workflow's
    /// `CaseAction.firstResponses`, which a test holds this list to.
    public static let firstResponseActionNames = ["acknowledge", "markResponded", "dismiss"]

    /// SQL for a case's first response: the first of those actions on the case since its clock
    /// started (a case reopened by a later post starts a new clock).
    static let firstResponseAt = """
        (SELECT min(at) FROM audit_log WHERE audit_log.case_id = cases.id
            AND action IN (\(firstResponseActionNames.map { "'\($0)'" }.joined(separator: ", ")))
            AND at >= cases.clock_started_at)
        """
}
