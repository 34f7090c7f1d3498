/// # Workflow
///
/// The school's response policy as pure logic: who owns a case, by when the school must respond,
/// and which moves a case may make. No I/O and no clock: time comes in as a parameter.
///
/// ## Inputs
/// - A finding's concerns (`ConcernAssessment`), its publication time and its discovery time.
/// - A `RoutingPolicy` (a `RoutingRule` per concern; `RoutingPolicy.standard` is the policy as written).
/// - A `WorkingCalendar`: time zone, working weekdays and hours, bank holidays (`BankHolidays` reads
///   the gov.uk JSON; England and Wales 2024–2028 is bundled, and later years follow its regular pattern).
/// - For case moves: the case's `CaseStatus`, a `CaseAction` and whether the case needs approval.
///
/// ## Outputs
/// - `CaseTriager.triage` → `CaseTriage?`: primary concern, owner, clock start, due time, approval,
///   alert, and whether the case was overdue when found.
/// - `DueTimeCalculator.dueTime` / `deadline` → the due time (and the rule that set it).
/// - `CaseStateMachine.apply` → the next `CaseStatus`, or a `WorkflowError`.
///
/// ## Rule order
/// 1. Triage keeps the concerns whose rule opens a case; the most severe is primary and names the owner.
/// 2. Approval and immediate alerts are needed if any kept concern's rule asks for them.
/// 3. The clock starts at publication when credible (not over 5 minutes after discovery, not over
///    30 days before it), else at discovery.
/// 4. Each kept concern's response time gives a due time; the earliest wins:
///    - urgent (`asSoonAsPossible`): elapsed time, weekends included;
///    - received on a weekend or bank holiday: close of the next working day (17:00 local);
///    - received on a working day: 24 hours in elapsed seconds, optionally moved off non-working days.
/// 5. A case then moves only along `CaseStateMachine`'s legal transitions.
///
/// Worked due-time examples are in docs/due-times.md.
enum WorkflowOverview {}
