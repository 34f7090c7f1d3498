import Foundation
import Testing
@testable import Workspace

@Suite struct LoginThrottleTests {
    let start = Date(timeIntervalSince1970: 1_795_600_800)

    @Test func limitsFailuresPerNameAndPerAddressWithinTheWindow() {
        let throttle = LoginThrottle(limitPerName: 2, limitPerAddress: 3, window: 600)
        throttle.recordFailure(name: "Head", address: "192.0.2.1", at: start)
        throttle.recordFailure(name: "head", address: "192.0.2.2", at: start)
        #expect(!throttle.isAllowed(name: "HEAD", address: "192.0.2.9", at: start))
        #expect(throttle.isAllowed(name: "head", address: "192.0.2.9", at: start.addingTimeInterval(601)))

        throttle.recordFailure(name: "a", address: "198.51.100.7", at: start)
        throttle.recordFailure(name: "b", address: "198.51.100.7", at: start)
        throttle.recordFailure(name: "c", address: "198.51.100.7", at: start)
        #expect(!throttle.isAllowed(name: "d", address: "198.51.100.7", at: start))
    }

    @Test func namesAndAddressesWhoseFailuresExpiredAreForgotten() {
        let throttle = LoginThrottle(limitPerName: 5, limitPerAddress: 20, window: 600)
        for index in 0..<1000 {
            throttle.recordFailure(name: "guess\(index)", address: "2001:db8::\(index)", at: start.addingTimeInterval(Double(index) / 10))
        }
        #expect(throttle.heldKeyCount == 2000)

        let later = start.addingTimeInterval(700)
        throttle.recordFailure(name: "late", address: "192.0.2.50", at: later)
        #expect(throttle.heldKeyCount == 2)
        #expect(throttle.isAllowed(name: "guess1", address: "2001:db8::1", at: later))
    }
}
