// Digest: the senior leadership team's daily summary, built and rendered as values.
//
// Inputs: the findings discovered in the digest's window, the open cases, the sources that are
// failing, and the moment and time zone of the report. Output: a `Digest` with its sections
// (headline numbers, what needs attention now, new mentions grouped by concern, failing feeds),
// rendered by `DigestRenderer` as email-safe HTML (inline styles, every value from the internet
// escaped) and as plain text. Writing files and sending email happen at the edge.
