/// # Casework
///
/// The case use cases that both front ends (the command line and the web workspace) share, so the
/// same request gives the same answer from either.
///
/// **Owns:** the check of a reply's draft before it is saved, submitted or approved
/// (`DraftReview`: Earshot's own reading of the draft's tone and personal data, judged by the
/// school's `DraftPolicy`).
///
/// **Must not:** print, render pages or parse arguments (the front ends do), or decide policy of
/// its own (routing, due times and transitions live in `Workflow`).
enum CaseworkOverview {}
