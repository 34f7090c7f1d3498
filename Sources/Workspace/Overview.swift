// The Workspace room: the web workspace served by `earshot serve`.
//
// Job: let communications staff and senior leaders work the case queue in a browser, over the same
// SQLite file that scans write to.
//
// Inputs: HTTP requests (method, path, query, cookies, form fields, peer address) turned into
// `WorkspaceRequest` values by `WorkspaceServer` (SwiftNIO), the database through a `StorageQueue`,
// and `WorkspaceSettings` built from the school's configuration.
// Outputs: `WorkspaceResponse` values: server-rendered HTML with every value escaped, the style
// sheet, and redirects; case moves and drafts written through `Store`, with the signed-in person
// as the audit trail's actor.
//
// Rule order for every request: security headers are always added; static files and the sign-in
// page need no session; every other page needs a live session (else a redirect to /login, or 403
// for a POST); every POST must carry the session's CSRF token (else 403); then the role's
// permission is checked (403 when it does not allow the page or action); then the state machine
// decides whether the move is legal (409 with its words when not).
