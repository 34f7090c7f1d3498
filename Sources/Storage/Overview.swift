/// # Storage
///
/// Where everything is kept: sources and their fetch state, items and their sightings, findings,
/// cases and their drafts, the append-only audit trail, digests, alerts, accounts and sessions. An
/// SQLite file by default; a PostgreSQL database when several scanners share one store
/// (`StoreLocation`). The store's SQL is written once; `SQLDialect` rewrites the little that
/// differs, and `SQLiteConnection` and `PostgreSQLConnection` run it.
///
/// **Owns:** the schema and its migrations (`Schema`), every read and write in transactions, the
/// idempotence of a scan (an item seen again, by key, link or story, is a sighting, never a
/// second finding or case; the publisher's own copy of a story stored through a search engine's
/// stand-in completes that item rather than adding one), what was taken as history with the case
/// each such item would have opened (kept back until `takeUpHistory(at:joinWindow:joining:)`), the
/// leases by which scanners claim sources (`claim(_:for:until:at:where:)`), and the owner-only
/// permissions of what it writes (`OwnerOnlyFiles`).
///
/// **Must not:** decide policy. What a new post does to its conversation's case is a
/// `Model.CaseJoin` that Workflow decides and `record(_:joinWindow:joining:)` applies as it stands;
/// which moves are legal is Workflow's `CaseStateMachine`, checked before `transition`; the actions
/// that count as a first response are Workflow's `CaseAction.firstResponses`, which a test holds
/// `firstResponseActionNames` to; which sources are due is Scheduling's, passed to `claim` as a
/// test. It renders nothing and knows nothing of HTTP or email.
enum StorageOverview {}
