import ArgumentParser
import Casework
import Settings
import Foundation
import Model
import Sentiment
import Storage
import Workflow

/// `earshot cases`: the response workflow from the command line.
struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "List and work the cases: show, assign, acknowledge, draft, approve, respond, escalate, dismiss, reopen.",
        subcommands: [
            CasesListCommand.self, CasesShowCommand.self, CasesAssignCommand.self, CasesAcknowledgeCommand.self,
            CasesDraftCommand.self, CasesApproveCommand.self, CasesRespondCommand.self, CasesEscalateCommand.self,
            CasesDismissCommand.self, CasesReopenCommand.self, CasesCloseCommand.self, CasesExportCommand.self,
        ],
        defaultSubcommand: CasesListCommand.self
    )
}

/// Options of every command that acts on a case.
struct CaseActionOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions

    @Argument(help: "The case number.")
    var caseNumber: Int64

    @Option(name: .customLong("as"), help: "Who is acting, for the audit trail (default: $EARSHOT_USER, else $USER).")
    var actor: String?

    @Flag(help: "Print the case afterwards as JSON.")
    var json = false

    var caseID: CaseID { CaseID(rawValue: caseNumber) }

    var actingPerson: String {
        actor ?? ProcessInfo.processInfo.environment["EARSHOT_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "staff"
    }

    /// Moves the case by `action` as the acting person and reports the new status (or the case as JSON).
    func perform(_ action: CaseAction) throws {
        let bench = try CaseWorkbench(global)
        let status = try bench.apply(action, to: caseID, actor: actingPerson)
        try report(bench, "case \(caseID) is \(status.rawValue)")
    }

    /// Prints `line`, or the case as JSON when asked.
    func report(_ bench: CaseWorkbench, _ line: String) throws {
        if json { try bench.show(caseID, json: true) } else { print(line) }
    }
}

/// Loads what a case command needs, applies `action` through the state machine and stores the move.
struct CaseWorkbench {
    let configuration: EarshotConfiguration
    let store: Store

    init(_ options: GlobalOptions) throws {
        configuration = try options.loadConfiguration()
        store = try openStore(configuration)
    }

    /// The school `--school` names, checked against the configuration; nil when none is given.
    func school(named id: String?) throws -> SchoolID? {
        try id.map { try EarshotCLI.school(named: $0, in: configuration, includingTrust: true).id }
    }

    func summary(_ caseID: CaseID) throws -> CaseSummary {
        guard let summary = try storage({ try store.caseSummary(caseID) }) else {
            printError("there is no case \(caseID)")
            throw ExitCode.failure
        }
        return summary
    }

    /// Moves the case by `action` at the case desk, refusing with the state machine's words when
    /// the policy does not allow it.
    @discardableResult
    func apply(_ action: CaseAction, to caseID: CaseID, actor: String, latestDraftID: Int64? = nil) throws -> CaseStatus {
        let current = try summary(caseID)
        do {
            return try CaseDesk().move(current, by: action, actor: actor, at: Date(), latestDraftID: latestDraftID, in: store)
        } catch .refused(_, let reason) {
            printError("case \(caseID): \(reason)")
            throw ExitCode.failure
        } catch .storage(let error) {
            return try storage { throw error }
        }
    }

    /// Runs a store call, turning a storage failure into its message and exit code.
    func storage<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as StorageError where error.isConflict {
            printError(error.description)
            throw ExitCode.failure
        } catch let error as StorageError {
            printError("storage error: \(error.description)")
            throw ExitStatus.storageFailure
        }
    }

    /// Prints the case as JSON or as a readable page.
    func show(_ caseID: CaseID, json: Bool) throws {
        guard let record = try storage({ try store.caseRecord(caseID) }) else {
            printError("there is no case \(caseID)")
            throw ExitCode.failure
        }
        let presenter = CasePresenter(timeZone: configuration.calendar.timeZone, now: Date())
        print(json ? try presenter.json(record) : terminalSafe(presenter.text(record)), terminator: json ? "\n" : "")
    }
}

/// `earshot cases list`: open cases, overdue and at risk first.
struct CasesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List open cases, overdue and at-risk first.")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Include finished cases (responded, closed, dismissed).")
    var all = false

    @Option(help: "Only the cases of this school of the trust (its id); \"trust\" for the trust's own.")
    var school: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let bench = try CaseWorkbench(options)
        let school = try bench.school(named: school)
        let cases = try bench.storage { all ? try bench.store.allCases(school: school) : try bench.store.openCases(school: school) }
        let presenter = CasePresenter(timeZone: bench.configuration.calendar.timeZone, now: Date())
        let ordered = cases.urgentFirst(at: presenter.now)
        print(json ? try presenter.json(ordered) : terminalSafe(presenter.listing(ordered)), terminator: json ? "\n" : "")
    }
}

/// `earshot cases show N`: one case with its posts, drafts and audit trail.
struct CasesShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a case: its posts, drafts and audit trail.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The case number.")
    var caseNumber: Int64

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try CaseWorkbench(options).show(CaseID(rawValue: caseNumber), json: json)
    }
}

/// `earshot cases assign N PERSON`.
struct CasesAssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assign", abstract: "Give a case to a named person.")

    @OptionGroup var action: CaseActionOptions

    @Argument(help: "Who should work the case.")
    var person: String

    func run() throws {
        let bench = try CaseWorkbench(action.global)
        _ = try bench.summary(action.caseID)
        try bench.storage { try bench.store.assign(action.caseID, to: person, actor: action.actingPerson, at: Date()) }
        try action.report(bench, "case \(action.caseID) assigned to \(person)")
    }
}

/// `earshot cases ack N`.
struct CasesAcknowledgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge a case (the post has been seen and answered briefly).")

    @OptionGroup var action: CaseActionOptions

    func run() throws {
        try action.perform(.acknowledge)
    }
}

/// `earshot cases draft N`: writes a draft reply (from a template, or given), checks it, and keeps it.
struct CasesDraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Draft a reply from the templates or your own text, run the draft check, and keep it on the case."
    )

    @OptionGroup var action: CaseActionOptions

    @Option(help: "Who the reply is for: parent, student, public or press (default: press for press enquiries, else parent).")
    var audience: Audience?

    @Option(help: "The reply's text (default: the template for the case's concern and audience).")
    var text: String?

    @Option(help: "A file holding the reply's text.")
    var file: String?

    func run() throws {
        let bench = try CaseWorkbench(action.global)
        let configuration = bench.configuration
        let current = try bench.summary(action.caseID)
        let audience = audience ?? .usual(for: current.primaryConcern)
        let body: String
        if let text {
            body = text
        } else if let file {
            guard let contents = try? String(contentsOfFile: file, encoding: .utf8) else {
                printError("cannot read \(file)")
                throw ExitCode.failure
            }
            body = contents
        } else {
            let templates: DraftTemplates
            do {
                templates = try DraftTemplates.load(overridesIn: configuration.templatesFolder)
            } catch {
                printError("cannot load the reply templates: \(error.description)")
                throw ExitCode.failure
            }
            guard let drafted = templates.draft(for: current.primaryConcern, audience: audience, name: nil,
                                                signature: configuration.replySignature, contact: configuration.replyContact,
                                                school: configuration.school(current.school)?.name ?? configuration.displayName) else {
                printError("no template for \(current.primaryConcern.rawValue) and \(audience.rawValue)")
                throw ExitCode.failure
            }
            body = drafted
        }
        let problems = DraftReview(lexicon: try loadBundledLexicon(), policy: configuration.draftPolicy).problems(in: body, for: current)

        let saved: SavedDraft
        do {
            saved = try CaseDesk().saveDraft(body, audience: audience, problems: problems, on: current, actor: action.actingPerson,
                                             at: Date(), in: bench.store)
        } catch .refused(_, let reason) {
            printError("case \(action.caseID): \(reason)")
            throw ExitCode.failure
        } catch .storage(let error) {
            saved = try bench.storage { throw error }
        }
        let blocking = problems.filter(\.isBlocking)
        if action.json {
            try bench.show(action.caseID, json: true)
        } else {
            print("draft \(saved.id) for case \(action.caseID) (\(audience.rawValue)):\n")
            print(terminalSafe(body))
            print("")
            print(problems.isEmpty ? "draft check: ready" : "draft check:")
            for problem in problems { print("  - \(problem.description)") }
            if saved.isSubmitted { print("submitted for a senior leader's approval") }
            if current.needsApproval && !blocking.isEmpty { print("not submitted for approval: fix the problems above first") }
        }
        if !blocking.isEmpty { throw ExitCode.failure }
    }
}

extension Audience: ExpressibleByArgument {}

/// `earshot cases approve N`: a senior leader approves the latest draft.
struct CasesApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve the latest draft (a senior leader).")

    @OptionGroup var action: CaseActionOptions

    func run() throws {
        let bench = try CaseWorkbench(action.global)
        guard let record = try bench.storage({ try bench.store.caseRecord(action.caseID) }), let draft = record.drafts.last else {
            printError("case \(action.caseID) has no draft to approve")
            throw ExitCode.failure
        }
        let blocking = DraftReview(lexicon: try loadBundledLexicon(), policy: bench.configuration.draftPolicy).problems(in: draft.text, for: record.summary)
            .filter(\.isBlocking)
        guard blocking.isEmpty else {
            printError("draft \(draft.id) cannot be approved: " + blocking.map(\.description).joined(separator: "; "))
            throw ExitCode.failure
        }
        // The draft checked is the draft approved: a newer one saved meanwhile refuses the move.
        let status = try bench.apply(.approve, to: action.caseID, actor: action.actingPerson, latestDraftID: draft.id)
        try action.report(bench, "case \(action.caseID) is \(status.rawValue): draft \(draft.id) may be posted")
    }
}

/// `earshot cases respond N`: the reply has been posted.
struct CasesRespondCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "respond", abstract: "Mark a case responded: the reply has been posted.")

    @OptionGroup var action: CaseActionOptions

    func run() throws {
        try action.perform(.markResponded)
    }
}

/// `earshot cases escalate N --reason …`.
struct CasesEscalateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "escalate", abstract: "Escalate a case to a senior leader.")

    @OptionGroup var action: CaseActionOptions

    @Option(help: "Why, for the audit trail.")
    var reason: String

    func run() throws {
        try action.perform(.escalate(reason: reason))
    }
}

/// `earshot cases dismiss N --reason …`.
struct CasesDismissCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dismiss", abstract: "Dismiss a case that needs no response, saying why.")

    @OptionGroup var action: CaseActionOptions

    @Option(help: "Why, for the audit trail.")
    var reason: String

    func run() throws {
        try action.perform(.dismiss(reason: reason))
    }
}

/// `earshot cases reopen N --reason …`.
struct CasesReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a finished case, saying why.")

    @OptionGroup var action: CaseActionOptions

    @Option(help: "Why, for the audit trail.")
    var reason: String

    func run() throws {
        try action.perform(.reopen(reason: reason))
    }
}

/// `earshot cases close N`.
struct CasesCloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a responded case.")

    @OptionGroup var action: CaseActionOptions

    func run() throws {
        try action.perform(.close)
    }
}

/// `earshot cases export --ics|--csv`: open cases as a calendar staff can subscribe to, or a spreadsheet.
struct CasesExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export open cases: due times as an iCalendar file, or a CSV spreadsheet."
    )

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Write iCalendar: one event per case at its due time.")
    var ics = false

    @Flag(help: "Write CSV, with cells that could run as spreadsheet formulas defused.")
    var csv = false

    @Option(name: .shortAndLong, help: "The file to write (default: standard output).")
    var output: String?

    @Option(help: "Only the cases of this school of the trust (its id); \"trust\" for the trust's own.")
    var school: String?

    func run() throws {
        guard ics != csv else { throw ValidationError("choose one format: --ics or --csv") }
        let bench = try CaseWorkbench(options)
        let school = try bench.school(named: school)
        let cases = try bench.storage { try bench.store.openCases(school: school) }
        let name = school.flatMap(bench.configuration.school)?.name ?? bench.configuration.displayName
        let calendar = ics
            ? CaseCalendar().render(cases, schoolName: name, generatedAt: Date())
            : CaseSpreadsheet().render(cases, timeZone: bench.configuration.calendar.timeZone)
        guard let output else {
            print(calendar, terminator: "")
            return
        }
        do {
            // Case titles and snippets, safeguarding ones included: for the account that runs Earshot only.
            try OwnerOnlyFiles.write(calendar, to: URL(fileURLWithPath: output))
        } catch {
            printError("cannot write \(output): \(error.localizedDescription)")
            throw ExitStatus.cannotWrite
        }
        print("wrote \(cases.count) case\(cases.count == 1 ? "" : "s") to \(output)")
    }
}

/// The draft check with Earshot's own lexicon supplying tone and personal data.
