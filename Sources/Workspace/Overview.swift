// The Workspace room: the web workspace served by `earshot serve`.
//
// Job: let communications staff and senior leaders work the case queue in a browser, over the same
// SQLite file that scans write to.
//
// Built on kept libraries, thinly: Hummingbird serves HTTP/1.1 (routes, URL-encoded forms and
// queries, cookies, middleware, idle timeout, connection limit); swift-mustache renders the pages
// from Templates/ through `Templating`, which escapes every value; swift-crypto hashes passwords
// and tokens. What they leave open is here: `RequestBoundsHandler` (a whole request within its
// time, a body over the limit refused on its header and the connection closed after) and the
// middleware below.
//
// Inputs: requests, decoded by Hummingbird into `WorkspaceForms` values; the database through a
// `StorageQueue`; `WorkspaceSettings` built from the school's configuration. Outputs: pages from
// the templates, the style sheet and script, redirects and the live check's JSON; case moves and
// drafts written through `Casework`, with the signed-in person as the audit trail's actor.
//
// Rule order for every request (`Workspace.router`): security headers are always added; failures
// become error pages with their status; the request is stamped with its time and client address
// (`X-Forwarded-For` only from a trusted proxy) and its body read, up to 1 MiB; static files and
// the sign-in page need no session, but the sign-in form must carry the token made for its cookie;
// every other page needs a live session (else a redirect to /login, or 403 for a POST); every POST
// must carry the session's form token (else 403); then the role's permission is checked (403 when
// it does not allow the page or action); then the state machine decides whether the move is legal
// (409 with its words when not).
