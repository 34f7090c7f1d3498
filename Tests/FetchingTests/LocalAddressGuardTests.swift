import Fetching
import Foundation
import TestSupport
import Testing

/// The address guard against addresses that name this machine without looking like loopback: on
/// Linux a connection to the unspecified address 0.0.0.0, ::, or ::ffff:0.0.0.0 reaches the local
/// host. They are refused unless loopback is allowed, whatever the private-network setting, both as
/// a source's address and as a redirect's target.
@Suite struct LocalAddressGuardTests {
    /// An address that reaches this machine, and where a service must listen to be reached by it.
    struct LocalTarget: Sendable, CustomTestStringConvertible {
        /// The host as written in a URL.
        var host: String
        /// The loopback address the connection actually arrives at.
        var arrivesAt: String
        var testDescription: String { host }

        func url(port: Int) -> URL { URL(string: "http://\(host):\(port)/private/status")! }
    }

    static let targets = [
        LocalTarget(host: "0.0.0.0", arrivesAt: "127.0.0.1"),
        LocalTarget(host: "[::]", arrivesAt: "::1"),
        LocalTarget(host: "[::ffff:0.0.0.0]", arrivesAt: "127.0.0.1"),
    ]

    /// An address of this machine that is neither loopback nor link-local, for a redirecting server
    /// that a guard refusing loopback still lets Earshot reach.
    static let machineAddress = nonLoopbackAddressesOfThisMachine().first

    func settings(allowsLoopback: Bool = false, allowsPrivateNetworks: Bool) -> FetchSettings {
        FetchSettings(connectTimeout: .connectPatience, totalTimeout: .transferPatience, maximumBodyBytes: 1 << 16,
                      allowsLoopback: allowsLoopback, allowsPrivateNetworks: allowsPrivateNetworks)
    }

    let privateService: LoopbackHTTPServer.Handler = { _ in .init(contentType: "text/plain", body: "internal service") }

    @Test(arguments: targets, [false, true])
    func aSourceAtAnAddressThatReachesThisMachineIsRefused(target: LocalTarget, allowsPrivateNetworks: Bool) async throws {
        try await withLoopbackHTTPServer(address: target.arrivesAt, privateService) { service in
            try await withTransferEngine(settings: settings(allowsPrivateNetworks: allowsPrivateNetworks)) { engine in
                let error = await #expect(throws: FetchError.self) {
                    try await engine.fetch(FetchRequest(url: target.url(port: service.port)))
                }
                #expect(error?.code == .forbiddenAddress, "\(String(describing: error))")
                #expect(service.requests.isEmpty)
            }
        }
    }

    /// The refusals above are the guard's doing: with loopback allowed, the same address is fetched.
    @Test(arguments: targets)
    func withLoopbackAllowedTheSameAddressReachesTheLocalService(target: LocalTarget) async throws {
        try await withLoopbackHTTPServer(address: target.arrivesAt, privateService) { service in
            try await withTransferEngine(settings: settings(allowsLoopback: true, allowsPrivateNetworks: false)) { engine in
                let response = try await engine.fetch(FetchRequest(url: target.url(port: service.port)))
                #expect(String(decoding: response.body, as: UTF8.self) == "internal service")
                #expect(service.requests.count == 1)
            }
        }
    }

    @Test(.enabled(if: machineAddress != nil, "needs an address of this machine other than loopback"),
          arguments: targets, [false, true])
    func aRedirectToAnAddressThatReachesThisMachineIsRefused(target: LocalTarget, allowsPrivateNetworks: Bool) async throws {
        let machineAddress = try #require(Self.machineAddress)
        try await withLoopbackHTTPServer(address: target.arrivesAt, privateService) { service in
            let location = target.url(port: service.port).absoluteString
            try await withLoopbackHTTPServer(address: machineAddress, { _ in
                .init(status: 302, headers: [("Location", location)])
            }) { hostileFeed in
                try await withTransferEngine(settings: settings(allowsPrivateNetworks: allowsPrivateNetworks)) { engine in
                    // Hop by hop, as scans follow redirects.
                    let fetcher = PoliteFetcher(engine: engine, policy: PolitenessPolicy(minimumDelayPerHost: .zero, obeysRobots: false),
                                                sleep: { _ in }, jitter: { 1 })
                    let hopByHop = await #expect(throws: FetchError.self) {
                        try await fetcher.fetch(FetchRequest(url: hostileFeed.url("/feed")))
                    }
                    #expect(hopByHop?.code == .forbiddenAddress, "\(String(describing: hopByHop))")
                    // And by libcurl itself, within one transfer.
                    let followed = await #expect(throws: FetchError.self) {
                        try await engine.fetch(FetchRequest(url: hostileFeed.url("/feed")))
                    }
                    #expect(followed?.code == .forbiddenAddress, "\(String(describing: followed))")
                    #expect(service.requests.isEmpty)
                    if allowsPrivateNetworks {
                        // The machine's own address is allowed here, so the refusal is the redirect's.
                        #expect(hostileFeed.requests.count == 2)
                    }
                }
            }
        }
    }
}
