import Foundation
import TestSupport
import Testing

/// The `earshot` executable end to end on the bundled samples, as the demo runs it.
@Suite(.serialized) struct EarshotCommandTests {
    /// The demo configuration, pointed at a fresh database and reports folder inside `folder`.
    func writeSampleConfiguration(into folder: URL) throws -> URL {
        var text = try String(contentsOf: packageRoot.appendingPathComponent("earshot.toml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "database = \"data/earshot.sqlite\"", with: "database = \"\(folder.path)/earshot.sqlite\"")
        text = text.replacingOccurrences(of: "reports = \"reports\"", with: "reports = \"\(folder.path)/reports\"")
        text = text.replacingOccurrences(of: "opml = [\"feeds/samples/samples.opml\"]",
                                         with: "opml = [\"\(packageRoot.path)/feeds/samples/samples.opml\"]")
        let file = folder.appendingPathComponent("earshot.toml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func scansTheSamplesListsCasesAndWritesTheDigestAndASecondScanAddsNothing() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = try writeSampleConfiguration(into: folder).path

            let first = try runProduct("earshot", ["scan", "--config", configuration])
            #expect(first.status == 0, "\(first.standardError)")
            #expect(first.standardOutput.contains("0 failed"))
            let newCases = try #require(first.standardOutput.firstMatch(of: /(\d+) cases/)?.1).description
            #expect(Int(newCases)! > 10)

            let second = try runProduct("earshot", ["scan", "--all", "--config", configuration])
            #expect(second.status == 0)
            #expect(second.standardOutput.contains("new: 0 items, 0 mentions, 0 cases"))

            let cases = try runProduct("earshot", ["cases", "--config", configuration])
            #expect(cases.status == 0)
            #expect(cases.standardOutput.contains("\(newCases) open cases"))
            #expect(cases.standardOutput.contains("Safeguarding  → dsl"))

            let digest = try runProduct("earshot", ["digest", "--config", configuration])
            #expect(digest.status == 0)
            let written = digest.standardOutput.split(separator: "\n").filter { $0.hasPrefix("wrote ") }.map { $0.dropFirst(6) }
            #expect(written.count == 2)
            for path in written {
                #expect(FileManager.default.fileExists(atPath: String(path)))
            }
            let html = try String(contentsOfFile: String(try #require(written.first { $0.hasSuffix(".html") })), encoding: .utf8)
            #expect(html.contains("Needs attention now"))
        }
    }

    @Test func aBrokenConfigurationGivesOneLineAndTheConfigurationExitCode() async throws {
        try await withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("earshot.toml")
            try "[school]\nnames = [\"A School\"]\n[feeds\n".write(to: file, atomically: true, encoding: .utf8)
            let result = try runProduct("earshot", ["scan", "--config", file.path])
            #expect(result.status == 78)
            let lines = result.standardError.split(separator: "\n")
            #expect(lines.count == 1)
            #expect(lines.first?.contains("earshot.toml:3:") == true)
        }
    }

    @Test func initWritesStarterFilesThatLoadAndRefusesToOverwriteThem() async throws {
        try await withTemporaryDirectory { folder in
            let first = try runProduct("earshot", ["init", "--directory", folder.path])
            #expect(first.status == 0)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("feeds/feeds.opml").path))
            let again = try runProduct("earshot", ["init", "--directory", folder.path])
            #expect(again.status == 73)
            let cases = try runProduct("earshot", ["cases", "--config", folder.appendingPathComponent("earshot.toml").path])
            #expect(cases.status == 0, "\(cases.standardError)")
            #expect(cases.standardOutput.contains("No open cases."))
        }
    }
}
