import ArgumentParser
import Settings
import Foundation
import Model
import Storage
import Workspace

/// `earshot users`: the accounts that may sign in to the web workspace.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage the web workspace's accounts.",
        subcommands: [UsersAddCommand.self, UsersListCommand.self, UsersRemoveCommand.self]
    )
}

/// `earshot users add NAME --role ROLE`: adds an account, or resets its role and password and
/// signs it out everywhere.
struct UsersAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an account, or reset one and end its sessions, reading the password from standard input (at least 12 characters).",
        discussion: "Roles: " + WorkspaceRole.allCases.map(\.rawValue).joined(separator: ", ") + "."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The name the person signs in with.")
    var name: String

    @Option(help: "slt, dsl, communications, moderator or readonly.")
    var role: String

    @Option(help: "In a trust: the school (its id) whose staff they are; they see its cases only. Without it, the trust's staff.")
    var school: String?

    @Flag(help: "Read the password from standard input (the default; kept for scripts that say so).")
    var passwordStdin = false

    func validate() throws {
        guard WorkspaceRole(rawValue: role) != nil else {
            throw ValidationError("unknown role \(role); use one of " + WorkspaceRole.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard !name.isEmpty, name.count <= Workspace.longestUserName, name.allSatisfy({ $0.isLetter || $0.isNumber || "._-@".contains($0) }) else {
            throw ValidationError("a name is 1 to 64 letters, digits or . _ - @")
        }
    }

    func run() throws {
        let configuration = try global.loadConfiguration()
        if let school { _ = try EarshotCLI.school(named: school, in: configuration, includingTrust: false) }
        let password = (readLine(strippingNewline: true) ?? "")
        guard password.count >= 12 else {
            printError("the password must be at least 12 characters; give it on standard input")
            throw ExitCode.failure
        }
        let store = try openStore(configuration)
        let account = Store.UserAccount(name: name, role: role, passwordHash: PasswordHasher().hash(password), createdAt: Date(),
                                        school: school.map { SchoolID(rawValue: $0) })
        do {
            try store.saveUser(account)
        } catch {
            printError("storage error: \(error.description)")
            throw ExitStatus.storageFailure
        }
        print("account \(name) (\(role)\(school.map { " at \($0)" } ?? "")) saved")
    }
}

/// `earshot users list`.
struct UsersListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts and their roles.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let configuration = try global.loadConfiguration()
        let store = try openStore(configuration)
        do {
            for account in try store.users() { print("\(account.name)\t\(account.role)\t\(account.school?.rawValue ?? "-")") }
        } catch {
            printError("storage error: \(error.description)")
            throw ExitStatus.storageFailure
        }
    }
}

/// `earshot users remove NAME`: removes an account and ends its sessions at once.
struct UsersRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an account and sign it out everywhere.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The account's name.")
    var name: String

    func run() throws {
        let configuration = try global.loadConfiguration()
        let store = try openStore(configuration)
        let removed: Bool
        do {
            removed = try store.removeUser(named: name)
        } catch {
            printError("storage error: \(error.description)")
            throw ExitStatus.storageFailure
        }
        guard removed else {
            printError("there is no account \(terminalSafe(name))")
            throw ExitCode.failure
        }
        print("account \(terminalSafe(name)) removed")
    }
}
