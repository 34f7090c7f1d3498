import Foundation
import Testing
@testable import Workspace

@Suite struct LoginThrottleTests {
    let start = Date(timeIntervalSince1970: 1_795_600_800)

    @Test func limitsAttemptsPerNameAndPerAddressWithinTheWindow() {
        let throttle = LoginThrottle(limitPerName: 2, limitPerAddress: 3, window: 600)
        #expect(throttle.admitAttempt(name: "Head", address: "192.0.2.1", at: start))
        #expect(throttle.admitAttempt(name: "head", address: "192.0.2.2", at: start))
        #expect(!throttle.admitAttempt(name: "HEAD", address: "192.0.2.9", at: start))
        #expect(throttle.admitAttempt(name: "head", address: "192.0.2.9", at: start.addingTimeInterval(601)))

        for name in ["a", "b", "c"] { #expect(throttle.admitAttempt(name: name, address: "198.51.100.7", at: start)) }
        #expect(!throttle.admitAttempt(name: "d", address: "198.51.100.7", at: start))
    }

    @Test func attemptsSentAllAtOnceCannotAllPassBeforeAnyIsCounted() async {
        let throttle = LoginThrottle(limitPerName: 5, limitPerAddress: 20, window: 900)
        let admitted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<40 { group.addTask { throttle.admitAttempt(name: "slt-user", address: "203.0.113.5", at: start) } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(admitted == 5)
    }

    @Test func aSuccessfulSignInTakesItsAttemptBack() {
        let throttle = LoginThrottle(limitPerName: 2, limitPerAddress: 2, window: 600)
        #expect(throttle.admitAttempt(name: "head", address: "192.0.2.1", at: start))
        throttle.recordSuccess(name: "head", address: "192.0.2.1", attemptedAt: start)
        #expect(throttle.admitAttempt(name: "head", address: "192.0.2.1", at: start))
        #expect(throttle.admitAttempt(name: "head", address: "192.0.2.1", at: start))
        #expect(!throttle.admitAttempt(name: "office", address: "192.0.2.1", at: start))
    }

    @Test func anAttemptTurnedAwayUntriedIsTakenBack() {
        let throttle = LoginThrottle(limitPerName: 1, limitPerAddress: 1, window: 600)
        #expect(throttle.admitAttempt(name: "head", address: "192.0.2.1", at: start))
        throttle.withdrawAttempt(name: "head", address: "192.0.2.1", attemptedAt: start)
        #expect(throttle.admitAttempt(name: "head", address: "192.0.2.1", at: start))
    }

    @Test func namesAndAddressesWhoseAttemptsExpiredAreForgotten() {
        let throttle = LoginThrottle(limitPerName: 5, limitPerAddress: 20, window: 600)
        for index in 0..<1000 {
            _ = throttle.admitAttempt(name: "guess\(index)", address: "2001:db8::\(index)", at: start.addingTimeInterval(Double(index) / 10))
        }
        #expect(throttle.heldKeyCount == 2000)

        let later = start.addingTimeInterval(700)
        #expect(throttle.admitAttempt(name: "late", address: "192.0.2.50", at: later))
        #expect(throttle.heldKeyCount == 2)
    }
}
