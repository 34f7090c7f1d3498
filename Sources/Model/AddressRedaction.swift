import Foundation

/// Web addresses as Earshot logs and shows them: without the secrets a feed's address may carry.
///
/// A school may subscribe to a private feed whose address holds login details
/// (`https://user:pass@host/…`) or a token (`?token=…`). The fetch needs them; a log line, the
/// scan's summary, an error, the digest and the workspace's feed list do not, and are read by more
/// people than set up the feed. Everywhere an address is logged or shown it passes through
/// ``redacted(_:)-(String)``; only the fetch itself reads the address as configured.
public enum AddressRedaction {
    /// What a removed secret is shown as.
    public static let placeholder = "REDACTED"

    /// `address` with its user-info part, and the value of every query or fragment parameter whose
    /// name looks like a secret (see ``isSecretName(_:)``), replaced by ``placeholder``.
    public static func redacted(_ address: String) -> String {
        var rest = Substring(address)
        var result = ""
        if let separator = rest.range(of: "://") {
            result += rest[..<separator.upperBound]
            rest = rest[separator.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                result += placeholder + authority[at...]
            } else {
                result += authority
            }
            rest = rest[authorityEnd...]
        }
        guard let parametersStart = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) else {
            return result + rest
        }
        result += rest[..<parametersStart]
        // The query and the fragment are both lists of name=value pairs as far as secrets go: a
        // token in a fragment (`#access_token=…`) is as secret as one in the query.
        var pair = ""
        for character in rest[parametersStart...] {
            if character == "?" || character == "#" || character == "&" || character == ";" {
                result += redactedParameter(pair) + String(character)
                pair = ""
            } else {
                pair.append(character)
            }
        }
        return result + redactedParameter(pair)
    }

    /// The address of `url`, redacted as ``redacted(_:)-(String)`` says.
    public static func redacted(_ url: URL) -> String {
        redacted(url.absoluteString)
    }

    /// Whether a query parameter named `name` probably holds a secret: one of its words (split at
    /// punctuation and at lower-to-upper case changes, so `api_key`, `apiKey` and `X-Amz-Signature`
    /// each have a word that counts) is a secret's name, such as token, key, secret, password,
    /// passwd, pwd, sig, signature, auth, session or credential, or ends with one (`accesstoken`,
    /// `apikey`, `clientsecret`, `oauth`).
    public static func isSecretName(_ name: String) -> Bool {
        let decoded = name.removingPercentEncoding ?? name
        var words: [String] = []
        var word = ""
        var previousWasLowercase = false
        for character in decoded {
            guard character.isLetter || character.isNumber else {
                if !word.isEmpty { words.append(word) }
                word = ""
                previousWasLowercase = false
                continue
            }
            if character.isUppercase, previousWasLowercase, !word.isEmpty {
                words.append(word)
                word = ""
            }
            word += character.lowercased()
            previousWasLowercase = character.isLowercase
        }
        if !word.isEmpty { words.append(word) }
        let joined = words.joined()
        return (words + [joined]).contains { word in
            secretWords.contains(word) || secretEndings.contains { word.hasSuffix($0) }
        }
    }

    private static func redactedParameter(_ pair: String) -> String {
        guard let equals = pair.firstIndex(of: "="), isSecretName(String(pair[..<equals])) else { return pair }
        return pair[...equals] + placeholder
    }

    /// Names that are a secret's as a whole word.
    private static let secretWords: Set<String> = [
        "token", "key", "secret", "password", "passwd", "pwd", "pass", "passphrase", "sig", "signature", "auth",
        "authorization", "session", "sessionid", "sid", "credential", "credentials", "jwt", "bearer",
    ]
    /// Endings that make a longer word a secret's name.
    private static let secretEndings = ["token", "key", "secret", "password", "passwd", "signature", "auth", "session", "sessid", "credential"]
}
