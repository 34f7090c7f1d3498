/// The database layout, one migration per version. Migrations only ever append.
///
/// Each migration is written once for both stores, with SQLite's type names in capitals
/// (`INTEGER`, `REAL`, `TEXT`), which ``SQLDialect/definitions(_:)`` turns into PostgreSQL's, and
/// in the SQL both understand; a step that cannot be shared gives each store its own lines.
enum Schema {
    static let migrations: [Migration] = [
        Migration(
            """
            CREATE TABLE sources (
                id TEXT PRIMARY KEY,
                current_url TEXT NOT NULL,
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                entity_tag TEXT,
                last_modified TEXT,
                last_fetched_at REAL,
                last_changed_at REAL,
                next_due_at REAL,
                consecutive_errors INTEGER NOT NULL DEFAULT 0,
                last_error TEXT
            );
            CREATE TABLE items (
                key TEXT PRIMARY KEY,
                link TEXT,
                title TEXT NOT NULL,
                author TEXT,
                published_at REAL,
                text TEXT NOT NULL,
                first_source_id TEXT NOT NULL REFERENCES sources(id),
                discovered_at REAL NOT NULL,
                is_mention INTEGER NOT NULL,
                mentions_json TEXT,
                sentiment REAL,
                sentiment_label TEXT,
                sentiment_drivers_json TEXT,
                concerns_json TEXT
            );
            CREATE INDEX items_by_link ON items(link) WHERE link IS NOT NULL;
            CREATE INDEX items_by_discovery ON items(discovered_at) WHERE is_mention = 1;
            CREATE TABLE sightings (
                item_key TEXT NOT NULL REFERENCES items(key),
                source_id TEXT NOT NULL REFERENCES sources(id),
                seen_at REAL NOT NULL,
                PRIMARY KEY (item_key, source_id)
            );
            CREATE TABLE cases (
                id INTEGER PRIMARY KEY,
                item_key TEXT NOT NULL UNIQUE REFERENCES items(key),
                primary_concern TEXT NOT NULL,
                concerns TEXT NOT NULL,
                owner TEXT NOT NULL,
                status TEXT NOT NULL,
                opened_at REAL NOT NULL,
                clock_started_at REAL NOT NULL,
                due_at REAL NOT NULL,
                needs_approval INTEGER NOT NULL,
                alert_at_once INTEGER NOT NULL,
                overdue_when_found INTEGER NOT NULL,
                updated_at REAL NOT NULL
            );
            CREATE INDEX cases_by_due ON cases(status, due_at);
            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY,
                case_id INTEGER NOT NULL REFERENCES cases(id),
                at REAL NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                from_status TEXT,
                to_status TEXT NOT NULL,
                reason TEXT
            );
            """,
            sqliteOnly: """
            CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """,
            postgresOnly: """
            CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql
                AS $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
            CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
            CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
            CREATE TRIGGER audit_log_is_append_only_truncate BEFORE TRUNCATE ON audit_log
                FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
            """
        ),
        """
        ALTER TABLE sources ADD COLUMN schedule_hints_json TEXT;
        """,
        """
        ALTER TABLE cases ADD COLUMN thread_key TEXT;
        ALTER TABLE cases ADD COLUMN author_key TEXT;
        ALTER TABLE cases ADD COLUMN assignee TEXT;
        CREATE INDEX cases_by_thread ON cases(thread_key) WHERE thread_key IS NOT NULL;
        CREATE INDEX cases_by_author ON cases(author_key) WHERE author_key IS NOT NULL;
        CREATE TABLE case_findings (
            case_id INTEGER NOT NULL REFERENCES cases(id),
            item_key TEXT NOT NULL REFERENCES items(key),
            joined_at REAL NOT NULL,
            PRIMARY KEY (case_id, item_key)
        );
        INSERT INTO case_findings (case_id, item_key, joined_at) SELECT id, item_key, opened_at FROM cases;
        CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            audience TEXT NOT NULL,
            text TEXT NOT NULL,
            author TEXT NOT NULL,
            created_at REAL NOT NULL,
            problems_json TEXT NOT NULL
        );
        """,
        """
        CREATE TABLE digests (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            window_start REAL NOT NULL,
            generated_at REAL NOT NULL,
            html_path TEXT NOT NULL,
            text_path TEXT NOT NULL,
            subject TEXT NOT NULL,
            sent_at REAL,
            send_attempts INTEGER NOT NULL DEFAULT 0,
            last_send_error TEXT
        );
        CREATE TABLE alerts (
            case_id INTEGER PRIMARY KEY REFERENCES cases(id),
            sent_at REAL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        );
        """,
        """
        ALTER TABLE items ADD COLUMN purged_at REAL;
        """,
        """
        CREATE TABLE users (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL
        );
        CREATE INDEX sessions_by_expiry ON sessions(expires_at);
        """,
        // Digests of a given past day (`digest --date`), which the next regular digest does not start from.
        """
        ALTER TABLE digests ADD COLUMN is_of_given_day INTEGER NOT NULL DEFAULT 0;
        """,
        // One story seen through a news search engine and in its publisher's own feed: the story's
        // key, and whether the stored item only stands in for the publisher's copy.
        """
        ALTER TABLE items ADD COLUMN story_key TEXT;
        ALTER TABLE items ADD COLUMN is_stand_in INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX items_by_story ON items(story_key) WHERE story_key IS NOT NULL;
        """,
        // A quiet first day: when each source was first read, and the items of its history, with
        // the case each would have opened kept until a backfill opens it. Sources read before
        // this version were first read when their first item was seen, or when they last changed.
        """
        ALTER TABLE sources ADD COLUMN first_read_at REAL;
        UPDATE sources SET first_read_at = coalesce(
            (SELECT min(seen_at) FROM sightings WHERE sightings.source_id = sources.id), last_changed_at);
        ALTER TABLE items ADD COLUMN is_history INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE items ADD COLUMN withheld_triage_json TEXT;
        CREATE INDEX items_in_history ON items(discovered_at) WHERE is_history = 1;
        """,
        // Claims on sources, so that scanners sharing the store never fetch one source at once:
        // who holds the claim and until when (see `Store.claim`).
        """
        ALTER TABLE sources ADD COLUMN lease_holder TEXT;
        ALTER TABLE sources ADD COLUMN lease_expires_at REAL;
        """,
        // A trust's schools in one store: which schools each item is a finding for, with its
        // mentions of each and the case each would open kept back while the item is history; the
        // school of each case (one post naming two schools opens a case for each), of each
        // workspace account (none: the whole installation) and of each digest (none: the only
        // school's). Everything stored before belongs to the single school, `school`. And who has
        // claimed an alert to send it, until when, so that two scanners never send one twice.
        Migration(
            """
            CREATE TABLE item_schools (
                item_key TEXT NOT NULL REFERENCES items(key),
                school_id TEXT NOT NULL,
                mentions_json TEXT,
                withheld_triage_json TEXT,
                PRIMARY KEY (item_key, school_id)
            );
            CREATE INDEX item_schools_by_school ON item_schools(school_id, item_key);
            INSERT INTO item_schools (item_key, school_id, mentions_json, withheld_triage_json)
                SELECT key, 'school', mentions_json, withheld_triage_json FROM items WHERE is_mention = 1;
            UPDATE items SET withheld_triage_json = NULL;
            ALTER TABLE users ADD COLUMN school_id TEXT;
            ALTER TABLE digests ADD COLUMN school_id TEXT;
            ALTER TABLE alerts ADD COLUMN claimed_by TEXT;
            ALTER TABLE alerts ADD COLUMN claimed_until REAL;
            """,
            // SQLite cannot drop a column's UNIQUE constraint, so the cases table is rebuilt, with
            // foreign keys off while it is (see `Migration.rebuildsTables`).
            sqliteOnly: """
            CREATE TABLE cases_of_schools (
                id INTEGER PRIMARY KEY,
                item_key TEXT NOT NULL REFERENCES items(key),
                primary_concern TEXT NOT NULL,
                concerns TEXT NOT NULL,
                owner TEXT NOT NULL,
                status TEXT NOT NULL,
                opened_at REAL NOT NULL,
                clock_started_at REAL NOT NULL,
                due_at REAL NOT NULL,
                needs_approval INTEGER NOT NULL,
                alert_at_once INTEGER NOT NULL,
                overdue_when_found INTEGER NOT NULL,
                updated_at REAL NOT NULL,
                thread_key TEXT,
                author_key TEXT,
                assignee TEXT,
                school_id TEXT NOT NULL DEFAULT 'school',
                UNIQUE (item_key, school_id)
            );
            INSERT INTO cases_of_schools (id, item_key, primary_concern, concerns, owner, status, opened_at, clock_started_at,
                due_at, needs_approval, alert_at_once, overdue_when_found, updated_at, thread_key, author_key, assignee)
                SELECT id, item_key, primary_concern, concerns, owner, status, opened_at, clock_started_at,
                    due_at, needs_approval, alert_at_once, overdue_when_found, updated_at, thread_key, author_key, assignee
                FROM cases;
            DROP TABLE cases;
            ALTER TABLE cases_of_schools RENAME TO cases;
            CREATE INDEX cases_by_due ON cases(status, due_at);
            CREATE INDEX cases_by_thread ON cases(thread_key) WHERE thread_key IS NOT NULL;
            CREATE INDEX cases_by_author ON cases(author_key) WHERE author_key IS NOT NULL;
            CREATE INDEX cases_by_school ON cases(school_id, status);
            """,
            postgresOnly: """
            ALTER TABLE cases ADD COLUMN school_id TEXT NOT NULL DEFAULT 'school';
            ALTER TABLE cases DROP CONSTRAINT cases_item_key_key;
            ALTER TABLE cases ADD CONSTRAINT cases_item_key_school_id_key UNIQUE (item_key, school_id);
            CREATE INDEX cases_by_school ON cases(school_id, status);
            """,
            rebuildsTables: true
        ),
    ]
}

/// One step of the schema, as each store runs it.
struct Migration: ExpressibleByStringLiteral, Sendable {
    /// The statements SQLite runs.
    let sqlite: String
    /// The statements PostgreSQL runs.
    let postgres: String
    /// Whether the step rebuilds a table others refer to: SQLite then runs it with foreign keys
    /// off (they cannot be turned off inside a transaction) and checks them all before it commits.
    let rebuildsTables: Bool

    /// A step both stores run, written with SQLite's type names.
    init(stringLiteral statements: String) {
        self.init(statements)
    }

    /// A step both stores run (`shared`, written with SQLite's type names), followed by lines
    /// for one store alone.
    init(_ shared: String, sqliteOnly: String = "", postgresOnly: String = "", rebuildsTables: Bool = false) {
        sqlite = shared + "\n" + sqliteOnly
        postgres = SQLDialect.postgres.definitions(shared) + "\n" + postgresOnly
        self.rebuildsTables = rebuildsTables
    }

    /// The statements for `dialect`.
    func statements(for dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite: sqlite
        case .postgres: postgres
        }
    }
}
