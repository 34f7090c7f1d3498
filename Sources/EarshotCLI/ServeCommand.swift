import ArgumentParser
import Settings
import Foundation
import Workflow
import Workspace

/// `earshot serve`: the web workspace for communications staff and senior leaders.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web workspace (case queue, case pages, drafts and actions) over the scans' database.",
        discussion: """
        Listens on 127.0.0.1:8080 unless told. Cookies carry Secure unless the workspace is plain HTTP on \
        the loopback interface; to reach it from other machines, put an HTTPS proxy in front and pass \
        --secure-cookies and --trusted-proxy with the proxy's address, so that sign-in limits count each \
        person's own address. Create accounts first with `earshot users add`.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Flag(help: "Mark cookies Secure (always on when the host is not a loopback address).")
    var secureCookies = false

    @Option(help: "The address of a reverse proxy in front of the workspace, whose X-Forwarded-For names the client (repeatable).")
    var trustedProxy: [String] = []

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let isLoopback = ["127.0.0.1", "::1", "localhost"].contains(host)
        let settings = WorkspaceSettings(
            store: configuration.store, schoolName: configuration.displayName,
            schoolNames: Dictionary(uniqueKeysWithValues: configuration.everyone.map { ($0.id, $0.name) }),
            timeZone: configuration.calendar.timeZone, draftPolicy: configuration.draftPolicy,
            usesSecureCookies: secureCookies || !isLoopback, urgentConcerns: configuration.routing.concernsAlertedAtOnce)
        let workspace: Workspace
        do {
            workspace = try Workspace(settings: settings)
        } catch {
            printError("cannot start the workspace: \(error)")
            throw ExitCode.failure
        }
        let server = WorkspaceServer(workspace, host: host, port: port, trustedProxies: Set(trustedProxy), logger: global.makeLogger())
        let shownHost = host.contains(":") ? "[\(host)]" : host
        do {
            try await server.run { port in
                let address = "http://\(shownHost):\(port)/"
                FileHandle.standardOutput.write(Data("earshot workspace listening on \(address)\n".utf8))
            }
        } catch {
            printError("cannot start the workspace: \(error)")
            throw ExitCode.failure
        }
    }
}
