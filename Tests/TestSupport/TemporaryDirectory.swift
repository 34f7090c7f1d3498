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
