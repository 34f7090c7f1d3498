import Fetching
import Foundation
import TestSupport
import Testing

@Suite struct TransferEngineTests {
    let settings = FetchSettings(
        connectTimeout: .connectPatience, totalTimeout: .transferPatience, maximumBodyBytes: 4096, allowsLoopback: true)

    @Test func fetchesABodyWithItsHeadersAndIdentifiesItself() async throws {
        try await withLoopbackHTTPServer({ _ in
            .init(contentType: "application/rss+xml", body: "<rss/>", headers: [("ETag", "\"v1\"")])
        }) { server in
            try await withTransferEngine(settings: settings) { engine in
                let response = try await engine.fetch(FetchRequest(url: server.url("/feed")))
                #expect(response.statusCode == 200)
                #expect(String(decoding: response.body, as: UTF8.self) == "<rss/>")
                #expect(response.entityTag == "\"v1\"")
                #expect(response.contentType == "application/rss+xml")
                #expect(server.requests.first?.headers["user-agent"]?.hasPrefix("Earshot/") == true)
            }
        }
    }

    @Test func sendsValidatorsAndReportsNotModified() async throws {
        try await withLoopbackHTTPServer({ request in
            request.headers["if-none-match"] == "\"v1\"" ? .init(status: 304) : .init(contentType: "text/xml", body: "<rss/>")
        }) { server in
            try await withTransferEngine(settings: settings) { engine in
                let request = FetchRequest(url: server.url("/feed"), entityTag: "\"v1\"", lastModified: "Tue, 17 Nov 2026 08:00:00 GMT")
                let response = try await engine.fetch(request)
                #expect(response.isNotModified)
                #expect(server.requests.first?.headers["if-modified-since"] == "Tue, 17 Nov 2026 08:00:00 GMT")
            }
        }
    }

    @Test func stopsABodyLargerThanTheLimit() async throws {
        try await withLoopbackHTTPServer({ _ in
            .init(headers: [("Content-Type", "text/xml")], body: Data(repeating: 65, count: 100_000))
        }) { server in
            try await withTransferEngine(settings: settings) { engine in
                let error = await #expect(throws: FetchError.self) {
                    try await engine.fetch(FetchRequest(url: server.url("/big")))
                }
                #expect(error?.code == .bodyTooLarge)
            }
        }
    }

    @Test func refusesLoopbackUnlessAllowed() async throws {
        try await withLoopbackHTTPServer({ _ in .init(contentType: "text/xml", body: "<rss/>") }) { server in
            var strict = settings
            strict.allowsLoopback = false
            try await withTransferEngine(settings: strict) { engine in
                let error = await #expect(throws: FetchError.self) {
                    try await engine.fetch(FetchRequest(url: server.url("/feed")))
                }
                #expect(error?.code == .forbiddenAddress)
                #expect(server.requests.isEmpty)
            }
        }
    }

    @Test(arguments: [
        "http://10.20.30.40/feed", "http://192.168.1.1/feed", "http://[fd00::1]/feed", "http://169.254.169.254/latest/meta-data/",
    ])
    func throughAProxyRefusesRequestsForPrivateHostsBeforeTheProxySeesThem(url: String) async throws {
        try await withLoopbackHTTPServer({ _ in .init(contentType: "text/xml", body: "<rss/>") }) { proxy in
            // The proxy itself is on loopback, so loopback is allowed here; private networks are not.
            var proxied = settings
            proxied.proxy = proxy.baseURL.absoluteString
            try await withTransferEngine(settings: proxied) { engine in
                let error = await #expect(throws: FetchError.self) {
                    try await engine.fetch(FetchRequest(url: URL(string: url)!))
                }
                #expect(error?.code == .forbiddenAddress, "\(url): \(String(describing: error))")
                #expect(proxy.requests.isEmpty)
            }
        }
    }

    @Test func throughAProxyFetchesPublicHostsAndChecksEveryRedirect() async throws {
        try await withLoopbackHTTPServer({ request in
            switch request.path {
            case "http://feeds.example.invalid/feed": .init(contentType: "application/rss+xml", body: "<rss/>")
            case "http://feeds.example.invalid/moved": .init(status: 302, headers: [("Location", "http://192.168.0.10/admin")])
            default: .init(status: 404)
            }
        }) { proxy in
            var proxied = settings
            proxied.proxy = proxy.baseURL.absoluteString
            try await withTransferEngine(settings: proxied) { engine in
                // A name this machine cannot resolve is left to the proxy, which resolves names itself.
                let response = try await engine.fetch(FetchRequest(url: URL(string: "http://feeds.example.invalid/feed")!))
                #expect(String(decoding: response.body, as: UTF8.self) == "<rss/>")
                #expect(proxy.requests.map(\.path) == ["http://feeds.example.invalid/feed"])

                let error = await #expect(throws: FetchError.self) {
                    try await engine.fetch(FetchRequest(url: URL(string: "http://feeds.example.invalid/moved")!))
                }
                #expect(error?.code == .forbiddenAddress)
                #expect(proxy.requests.count == 2)
            }
        }
    }

    @Test(arguments: [
        "http://10.255.255.1:9/feed", "http://192.168.1.1:9/feed", "http://169.254.169.254/latest/meta-data/",
        "http://224.0.0.1:9/feed", "http://198.18.0.1:9/feed", "http://[fd00::1]:9/feed", "http://[ff02::1]:9/feed",
        "http://[64:ff9b::a00:1]:9/feed", "http://[2002:c0a8:101::1]:9/feed", "http://[::ffff:10.0.0.1]:9/feed",
    ])
    func refusesPrivateLinkLocalAndMulticastAddressesBeforeConnecting(url: String) async throws {
        var strict = settings
        strict.allowsLoopback = false
        try await withTransferEngine(settings: strict) { engine in
            let error = await #expect(throws: FetchError.self) {
                try await engine.fetch(FetchRequest(url: URL(string: url)!))
            }
            #expect(error?.code == .forbiddenAddress, "\(url): \(String(describing: error))")
        }
    }

    @Test func refusesSchemesOtherThanHTTPAndFile() async throws {
        try await withTransferEngine(settings: settings) { engine in
            let error = await #expect(throws: FetchError.self) {
                try await engine.fetch(FetchRequest(url: URL(string: "ftp://127.0.0.1/feed.xml")!))
            }
            #expect(error?.code == .unsupportedScheme)
        }
    }

    @Test func readsFileURLs() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("feed.xml")
            try Data("<rss/>".utf8).write(to: file)
            try await withTransferEngine(settings: settings) { engine in
                let response = try await engine.fetch(FetchRequest(url: file))
                #expect(response.statusCode == 200)
                #expect(response.body == Data("<rss/>".utf8))
            }
        }
    }

    @Test func runsManyTransfersConcurrentlyThroughOneEngine() async throws {
        try await withLoopbackHTTPServer({ request in .init(contentType: "text/plain", body: request.path) }) { server in
            var wide = settings
            wide.maximumConnectionsPerHost = 4
            try await withTransferEngine(settings: wide) { engine in
                let bodies = try await withThrowingTaskGroup(of: String.self) { group in
                    for index in 0..<20 {
                        group.addTask {
                            let response = try await engine.fetch(FetchRequest(url: server.url("/item/\(index)")))
                            return String(decoding: response.body, as: UTF8.self)
                        }
                    }
                    return try await group.reduce(into: Set<String>()) { $0.insert($1) }
                }
                #expect(bodies == Set((0..<20).map { "/item/\($0)" }))
            }
        }
    }
}

@Suite struct FetchResponseTests {
    func response(cacheControl: String) -> FetchResponse {
        FetchResponse(statusCode: 200, finalURL: URL(string: "https://a.example/")!, headers: [("cache-control", cacheControl)], body: Data())
    }

    @Test func readsMaxAgeAmongOtherDirectives() {
        #expect(response(cacheControl: "public, max-age=3600, must-revalidate").maximumAge == .seconds(3600))
        #expect(response(cacheControl: "no-cache").maximumAge == nil)
        #expect(response(cacheControl: "max-age=oops").maximumAge == nil)
    }
}
