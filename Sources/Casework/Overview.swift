/// # Casework
///
/// The case use cases that both front ends (the command line and the web workspace) share, so the
/// same request gives the same answer from either.
///
/// **Owns:** moving a case and saving its drafts (`CaseDesk`: every move through `CaseStateMachine`, stored with the
/// audit trail, an approval checked against the draft the leader read in the same transaction),
/// and the check of a reply's draft before it is saved, submitted or approved (`DraftReview`:
/// Earshot's own reading of the draft's tone and personal data, judged by the school's
/// `DraftPolicy`).
///
/// **Must not:** print, render pages or parse arguments (the front ends do), or decide policy of
/// its own (routing, due times and transitions live in `Workflow`; `Storage` only applies).
///
/// Saving a draft (`CaseDesk.saveDraft`) makes the same moves from either front end: into
/// drafting, the draft stored with its check, and for a case that needs approval a clean draft
/// submitted at once.
enum CaseworkOverview {}
