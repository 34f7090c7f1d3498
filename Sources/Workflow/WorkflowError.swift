import Model

/// Why the Workflow room refused a request: an illegal case transition, or a calendar,
/// bank-holiday file or time that cannot be used.
///
/// A closed set that callers switch on (the CLI maps transition errors to a message for
/// the person who tried the action; configuration loading maps the rest to a bad-config exit).
public enum WorkflowError: Error, CustomStringConvertible {
    /// The action is not allowed from the case's current status.
    case illegalTransition(from: CaseStatus, action: CaseAction)
    /// A reply is being marked as sent without the senior-leader check the case needs.
    case approvalRequired(from: CaseStatus)
    /// The action needs a reason for the audit trail and none was given.
    case missingReason(action: CaseAction)
    /// A bank-holiday file could not be read; `underlying` is the decoding error when there is one.
    case invalidBankHolidays(reason: String, underlying: (any Error)?)
    /// The bank-holiday file has no section for the division asked for.
    case unknownDivision(BankHolidays.Division, available: [String])
    /// A bundled resource is missing from the module's bundle.
    case missingResource(name: String)
    /// Text or parts that do not name a real calendar day.
    case invalidCalendarDay(String)
    /// Text or parts that do not name a time of day.
    case invalidTimeOfDay(String)
    /// A working calendar that could never produce a due time (no working days, hours that end before they start).
    case invalidWorkingCalendar(reason: String)

    /// A message a person can act on.
    public var description: String {
        switch self {
        case .illegalTransition(let status, let action):
            "Cannot \(action.name) a case that is \(status.rawValue); "
                + "allowed from \(status.rawValue): \(CaseStateMachine.allowedActionNames(from: status).joined(separator: ", "))."
        case .approvalRequired(let status):
            "This case needs a senior leader's approval before the reply goes out; "
                + "submit the draft for approval instead of marking it responded (case is \(status.rawValue))."
        case .missingReason(let action):
            "Give a reason to \(action.name) a case; it is kept in the audit trail."
        case .invalidBankHolidays(let reason, let underlying):
            if let underlying {
                "The bank-holiday file cannot be read: \(reason) (\(underlying)). "
                    + "Use the gov.uk bank-holidays.json format."
            } else {
                "The bank-holiday file cannot be read: \(reason). Use the gov.uk bank-holidays.json format."
            }
        case .unknownDivision(let division, let available):
            "The bank-holiday file has no \"\(division.rawValue)\" section; it has: "
                + (available.isEmpty ? "none" : available.joined(separator: ", ")) + "."
        case .missingResource(let name):
            "The Workflow resource \(name) is missing from the installed bundle; reinstall Earshot."
        case .invalidCalendarDay(let text):
            "\"\(text)\" is not a calendar day; write it as YYYY-MM-DD, for example 2026-05-25."
        case .invalidTimeOfDay(let text):
            "\"\(text)\" is not a time of day; write it as HH:MM in 24-hour time, for example 17:00."
        case .invalidWorkingCalendar(let reason):
            "The working calendar cannot be used: \(reason)."
        }
    }
}
