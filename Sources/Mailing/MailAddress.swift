import Foundation

/// An email address with an optional display name, as in `Head Teacher <head@school.example>`.
///
/// Kept as written; ``isValid`` tells whether the address can go into an SMTP envelope. The
/// renderer encodes display names itself (RFC 2047), so any text is safe as a name.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The bare address, `local@domain`, without angle brackets.
    public var address: String
    /// The name shown by mail clients, or nil for none.
    public var displayName: String?

    /// Creates an address.
    /// - Parameters:
    ///   - address: the bare `local@domain` address.
    ///   - displayName: the name shown beside it; nil or empty for none.
    public init(_ address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }

    /// The address as a From or To header shows it, e.g. `Head <head@school.example>` (not encoded).
    public var description: String {
        guard let displayName, !displayName.isEmpty else { return "<\(address)>" }
        return "\(displayName) <\(address)>"
    }

    /// Whether the address is a plain ASCII `local@domain` that SMTP accepts as it stands.
    ///
    /// The local part is a dot-atom (letters, digits and ``!#$%&'*+-/=?^_`{|}~``, dots between
    /// them); the domain is dot-separated labels of letters, digits and hyphens. Quoted local
    /// parts, address literals and internationalized addresses are refused, which also keeps
    /// angle brackets, spaces and line breaks out of the SMTP commands.
    public var isValid: Bool {
        let bytes = Array(address.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.count <= 64, !domain.isEmpty else { return false }
        let localAtoms = local.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard localAtoms.allSatisfy({ !$0.isEmpty && $0.allSatisfy(MailAddress.isAtomText) }) else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63
                && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
                && label.allSatisfy { MailAddress.isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// The domain after the last `@`, lowercased, or nil when there is none.
    var domain: String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? nil : domain.lowercased()
    }

    /// RFC 5322 `atext`: the characters an atom may hold.
    static func isAtomText(_ byte: UInt8) -> Bool {
        isLetterOrDigit(byte) || Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
    }

    static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
