import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing
import Workspace

@Suite struct WorkspaceServerTests {
    @Test func servesTheSignInPageAndStyleSheetOverRealHTTPOnALoopbackPort() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder)
            let server = try await WorkspaceServer.start(fixture.workspace, host: "127.0.0.1", port: 0)
            #expect(server.port > 0)
            let (page, pageResponse) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.port)/login")!)
            let http = try #require(pageResponse as? HTTPURLResponse)
            #expect(http.statusCode == 200)
            #expect(http.value(forHTTPHeaderField: "X-Frame-Options") == "DENY")
            #expect(String(decoding: page, as: UTF8.self).contains("<label for=\"password\">Password</label>"))
            let (css, cssResponse) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.port)/static/style.css")!)
            #expect((cssResponse as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") == "text/css; charset=utf-8")
            #expect(String(decoding: css, as: UTF8.self).contains(":focus-visible"))
            await server.stop()
        }
    }
}
