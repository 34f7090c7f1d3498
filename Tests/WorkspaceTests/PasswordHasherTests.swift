import Foundation
import Testing
@testable import Workspace

@Suite struct PasswordHasherTests {
    @Test(arguments: [
        (1, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"),
        (2, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"),
        (4096, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"),
    ])
    func derivesThePublishedPBKDF2SHA256Values(iterations: Int, expected: String) {
        let derived = PasswordHasher.derive(password: Array("password".utf8), salt: Array("salt".utf8), iterations: iterations)
        #expect(derived.map { String(format: "%02x", $0) }.joined() == expected)
    }

    @Test func aHashVerifiesItsPasswordOnlyAndUsesAFreshSalt() {
        let hasher = PasswordHasher(iterations: 1_000)
        let first = hasher.hash("correct horse battery")
        let parts = first.split(separator: "$")
        #expect(parts.count == 4 && parts[0] == "pbkdf2-sha256" && parts[1] == "1000")
        #expect(hasher.verify("correct horse battery", against: first))
        #expect(!hasher.verify("correct horse batterY", against: first))
        #expect(hasher.hash("correct horse battery") != first)
        #expect(!hasher.verify("anything", against: "md5$1$abc$def"))
    }

    /// A hash stored before the derivation moved to swift-crypto (here made by Python's hashlib)
    /// still verifies.
    @Test func aHashStoredEarlierStillVerifies() {
        let stored = "pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$AhaeZ02AwPxykuhhDI8XvhQN8GKvmqM+qF6qvs/98I0="
        #expect(PasswordHasher().verify("correct horse battery", against: stored))
        #expect(!PasswordHasher().verify("correct horse battery!", against: stored))
    }

    @Test func newHashesAreSlowByDefault() {
        #expect(PasswordHasher().iterations >= 100_000)
    }
}
