import Crypto
import Foundation
import _CryptoExtras

/// Hashes and checks passwords with PBKDF2-HMAC-SHA256 and a random salt.
///
/// Slow on purpose: 210,000 iterations by default, so a stolen database costs an attacker dearly.
/// The stored form is `pbkdf2-sha256$iterations$salt$hash` (salt and hash in base64), so the
/// iteration count can be raised later without breaking old hashes.
public struct PasswordHasher: Sendable {
    /// The name of the algorithm in the stored form.
    public static let algorithm = "pbkdf2-sha256"
    /// Iterations used for new hashes.
    public let iterations: Int

    /// A hasher that makes new hashes with `iterations` rounds (at least 100,000 in production).
    public init(iterations: Int = 210_000) {
        self.iterations = iterations
    }

    /// A new stored hash of `password` with a fresh 16-byte salt.
    public func hash(_ password: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let derived = Self.derive(password: Array(password.utf8), salt: salt, iterations: iterations)
        return [Self.algorithm, String(iterations), Data(salt).base64EncodedString(), Data(derived).base64EncodedString()]
            .joined(separator: "$")
    }

    /// Whether `password` matches a stored hash; false for a malformed hash.
    public func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == Self.algorithm, let rounds = Int(parts[1]), rounds > 0, rounds <= 10_000_000,
              let salt = Data(base64Encoded: parts[2]), let expected = Data(base64Encoded: parts[3]), expected.count == 32 else {
            return false
        }
        let derived = Self.derive(password: Array(password.utf8), salt: Array(salt), iterations: rounds)
        return Self.constantTimeEqual(derived, Array(expected))
    }

    /// PBKDF2 (RFC 8018) with HMAC-SHA256 and a 32-byte key, from swift-crypto. The iteration
    /// count is the stored one, unchecked: old hashes and the tests' fast hashers use fewer rounds
    /// than swift-crypto's checked minimum, and new hashes use `iterations`.
    static func derive(password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        // Only an unknown hash function or a failing random source throws; SHA-256 is known.
        guard let key = try? KDF.Insecure.PBKDF2.deriveKey(
            from: password, salt: salt, using: .sha256, outputByteCount: 32, unsafeUncheckedRounds: max(iterations, 1))
        else { return [] }
        return key.withUnsafeBytes { Array($0) }
    }

    /// Compares without stopping at the first difference, so timing says nothing about the hash.
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in 0..<left.count { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
