// Digest: the senior leadership team's daily summary, built and rendered as values.
//
// Inputs: the findings discovered in the digest's window, the open cases, the sources that are
// failing, and the moment and time zone of the report. Output: a `Digest` with its sections
// (headline numbers, what needs attention now, new mentions grouped by concern, failing feeds),
// rendered by `DigestRenderer` as email-safe HTML and as plain text. The HTML comes from the
// bundled Mustache templates in Templates/ (tables and inline styles only, which mail clients
// render; every value escaped by `Templating`); `DigestEmail` words every figure for them. Writing
// files and sending email happen at the edge.
