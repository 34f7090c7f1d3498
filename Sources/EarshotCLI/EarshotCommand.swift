import ArgumentParser
import Fetching

/// The `earshot` command: watches public posts about a school and runs its response workflow.
public struct EarshotCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "earshot",
        abstract: "Watch public feeds and pages for posts about your school, and respond to them under your policy.",
        discussion: """
        Exit codes: 0 success; 1 a refused command (such as an illegal case move); 69 another run holds the lock; \
        73 a file could not be written; 74 storage failure; 75 some sources failed or an email could not be sent \
        (retried on the next run); 78 configuration error.
        """,
        version: EarshotVersion.current,
        subcommands: [InitCommand.self, ScanCommand.self, CasesCommand.self, DueCommand.self, DigestCommand.self, FeedsCommand.self, DoctorCommand.self, PurgeCommand.self, ScoreCommand.self, MatchCommand.self, ParseCommand.self, ServeCommand.self, UsersCommand.self]
    )

    public init() {}

    /// Parses the process's arguments, runs the chosen command and exits with its status.
    public static func runFromCommandLine() async {
        await main()
    }
}
