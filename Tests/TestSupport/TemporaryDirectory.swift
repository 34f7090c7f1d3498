import Foundation

/// A fresh folder under the system's temporary directory, removed when `body` returns.
public func withTemporaryDirectory<Result>(_ body: (URL) async throws -> Result) async rethrows -> Result {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("earshot-tests-\(UUID().uuidString)", isDirectory: true)
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

/// The package's root folder, found from this source file's location.
public let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

/// Writes the samples' configuration (the repository's earshot.toml) into `folder`, with its
/// database and reports in that folder and its feeds read from the repository's samples.
public func writeSampleConfiguration(into folder: URL) throws -> URL {
    var text = try String(contentsOf: packageRoot.appendingPathComponent("earshot.toml"), encoding: .utf8)
    text = text.replacingOccurrences(of: "database = \"data/earshot.sqlite\"", with: "database = \"\(folder.path)/earshot.sqlite\"")
    text = text.replacingOccurrences(of: "reports = \"reports\"", with: "reports = \"\(folder.path)/reports\"")
    text = text.replacingOccurrences(of: "opml = [\"feeds/samples/samples.opml\"]",
                                     with: "opml = [\"\(packageRoot.path)/feeds/samples/samples.opml\"]")
    let file = folder.appendingPathComponent("earshot.toml")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file
}

/// Writes the bundled trust configuration (`feeds/trust/earshot.toml`: five schools and the
/// trust) into `folder`, with its database and reports there and its feed list in the package.
public func writeTrustConfiguration(into folder: URL) throws -> URL {
    var text = try String(contentsOf: packageRoot.appendingPathComponent("feeds/trust/earshot.toml"), encoding: .utf8)
    text = text.replacingOccurrences(of: "database = \"../../data/trust.sqlite\"", with: "database = \"\(folder.path)/trust.sqlite\"")
    text = text.replacingOccurrences(of: "reports = \"../../reports\"", with: "reports = \"\(folder.path)/reports\"")
    text = text.replacingOccurrences(of: "opml = [\"trust.opml\"]", with: "opml = [\"\(packageRoot.path)/feeds/trust/trust.opml\"]")
    let file = folder.appendingPathComponent("earshot.toml")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file
}
