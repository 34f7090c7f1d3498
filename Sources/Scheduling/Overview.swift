// Scheduling: decides which sources are due, and when each should be fetched next.
//
// Inputs: the configured sources, their stored `FetchState`, the time now (always a parameter),
// and the schedule settings. Outputs: the sources to fetch, in order, and the next due time of
// each after a fetch.
//
// Rule order: a source never fetched is due at once; otherwise it is due when its `nextDueAt`
// has passed. Due sources are fetched never-fetched first, then most overdue first. After a
// fetch, the next due time is the source's interval (its own, else the default) with a fixed
// per-source jitter, so that many feeds do not all fall due at the same moment; after a failure
// it backs off exponentially from the interval, capped.
