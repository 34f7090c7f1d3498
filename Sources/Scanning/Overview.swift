// Scanning: runs one scan from the configured sources to stored findings and cases.
//
// Order for each due source: fetch it (conditional GET through the one transfer engine), parse it
// (feed or page), keep only items the store has not seen, find mentions of the school, and for
// each mention score sentiment, classify concerns and triage a case under the policy; an item
// published before the source's first read by more than the history window is history, whose case
// is kept back (HistoryWindow). Then write the source's fetch state, new items, findings,
// sightings and cases in one transaction. A backfill (`scan --backfill`) then takes up all the
// history kept so far, in one more transaction.
//
// Due sources are claimed before they are fetched, host by host, with a lease in the store
// (`SourceClaiming`): scanners sharing a PostgreSQL store split the hosts between them, never fetch
// a source at once or twice in its interval, and a killed scanner's sources return when its
// leases expire. A scan renews its leases while it works; writing a source ends its lease.
//
// A failure in one source — a transport error, an HTTP error, a document that cannot be parsed —
// is recorded on that source and never stops or undoes the others.
