import ArgumentParser
import Settings
import Foundation

/// `earshot init`: writes a commented starter configuration and feed list.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter earshot.toml and feeds/feeds.opml."
    )

    @Option(name: .shortAndLong, help: "The folder to write into.")
    var directory = "."

    @Flag(help: "Overwrite files that already exist.")
    var force = false

    func run() throws {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        let files = [
            (folder.appendingPathComponent("earshot.toml"), StarterFiles.configuration),
            (folder.appendingPathComponent("feeds/feeds.opml"), StarterFiles.feedList),
        ]
        if !force, let existing = files.first(where: { FileManager.default.fileExists(atPath: $0.0.path) }) {
            printError("\(existing.0.path) already exists; use --force to overwrite it")
            throw ExitStatus.cannotWrite
        }
        for (file, contents) in files {
            do {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try contents.write(to: file, atomically: true, encoding: .utf8)
            } catch {
                printError("cannot write \(file.path): \(error.localizedDescription)")
                throw ExitStatus.cannotWrite
            }
            print("wrote \(file.path)")
        }
        print("Edit earshot.toml for your school and feeds/feeds.opml for your sources, then run `earshot scan`.")
    }
}
