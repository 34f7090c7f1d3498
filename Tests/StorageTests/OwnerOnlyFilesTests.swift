import Foundation
import Storage
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Reports, logs and the data folder are for the account that runs Earshot only.
@Suite(.serialized) struct OwnerOnlyFilesTests {
    func mode(_ url: URL) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    /// Runs `body` with a umask that would leave new files readable by everyone, as a default one does.
    func withOpenUmask(_ body: () throws -> Void) rethrows {
        let previous = umask(0o022)
        defer { umask(previous) }
        try body()
    }

    @Test func foldersAreCreatedForTheOwnerOnlyParentsIncluded() async throws {
        try await withTemporaryDirectory { directory in
            let nested = directory.appendingPathComponent("data/reports/2026")
            try withOpenUmask { try OwnerOnlyFiles.createFolder(nested) }
            for folder in ["data", "data/reports", "data/reports/2026"] {
                #expect(try mode(directory.appendingPathComponent(folder)) == 0o700, "\(folder)")
            }
            try OwnerOnlyFiles.createFolder(nested)  // exists already: nothing to do, no error
        }
    }

    @Test func aWrittenFileIsForTheOwnerOnlyEvenWhenItReplacesAnOpenOne() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("2026-12-03.html")
            try "old".write(to: file, atomically: false, encoding: .utf8)
            chmod(file.path, 0o644)
            try withOpenUmask { try OwnerOnlyFiles.write("<p>safeguarding</p>", to: file) }
            #expect(try mode(file) == 0o600)
            #expect(try String(contentsOf: file, encoding: .utf8) == "<p>safeguarding</p>")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["2026-12-03.html"])
        }
    }

    @Test func aCreatedFileGetsItsFolderFirst() async throws {
        try await withTemporaryDirectory { directory in
            let log = directory.appendingPathComponent("data/earshot.log")
            try withOpenUmask { try OwnerOnlyFiles.createFile(log) }
            #expect(try mode(log) == 0o600)
            #expect(try mode(log.deletingLastPathComponent()) == 0o700)
        }
    }
}
