import Foundation

/// Where the store keeps everything: an SQLite file, the default for one school on one machine,
/// or a PostgreSQL database that several scanners, on one machine or several, share.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite file, created (mode 0600) when missing.
    case sqlite(path: String)
    /// A database on a PostgreSQL server; its tables are created when missing.
    case postgres(PostgresServer)

    /// Whether several `earshot scan` processes may work on the store at once, each claiming the
    /// sources it fetches: PostgreSQL's yes; an SQLite file's scans run one at a time.
    public var allowsSeveralScanners: Bool {
        if case .postgres = self { true } else { false }
    }

    /// The file's path or the server's address, never a password.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let server): server.description
        }
    }
}

/// A PostgreSQL database to connect to, read from a `postgresql://user@host:port/database` URL.
///
/// The password never appears in the URL or the configuration file: it comes from the
/// environment (``passwordVariables``) and is never shown, logged or printed.
public struct PostgresServer: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// How to reach the server.
    public enum Endpoint: Sendable, Hashable {
        /// A host name or address and a TCP port.
        case network(host: String, port: Int)
        /// A Unix-domain socket file on this machine.
        case socket(path: String)
    }

    /// Whether and how the connection is encrypted, as libpq's `sslmode` says it.
    public enum Encryption: String, Sendable, Hashable, CaseIterable {
        /// Never encrypted.
        case disable
        /// Encrypted when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// Always encrypted; the certificate is not checked.
        case require
        /// Always encrypted, with a certificate that a trusted authority issued for the host.
        case verifyFull = "verify-full"
    }

    /// The environment variables the password is read from, first one set wins.
    public static let passwordVariables = ["EARSHOT_DATABASE_PASSWORD", "PGPASSWORD"]

    public var endpoint: Endpoint
    public var username: String
    public var database: String
    public var encryption: Encryption
    /// A PEM file of the authorities trusted for ``Encryption/verifyFull`` (`sslrootcert`);
    /// nil for the system's.
    public var trustedCertificatesFile: String?
    /// The password, from the environment; nil to log in without one.
    public var password: String?

    /// Reads a `postgresql://` (or `postgres://`) URL: `user@host:port/database`, with the query
    /// parameters `sslmode` (disable, prefer, require or verify-full; prefer when absent),
    /// `sslrootcert` and `host` (a folder holding the server's Unix socket, instead of a network
    /// host). The port is 5432 and the database the user's name unless given.
    /// - Throws: ``StorageError`` saying what is wrong, without repeating the URL.
    public init(url text: String, password: String?) throws(StorageError) {
        func problem(_ message: String) -> StorageError {
            StorageError(code: -1, operation: "read the PostgreSQL address", message: message)
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              ["postgresql", "postgres"].contains(scheme) else {
            throw problem("it must look like postgresql://user@host:port/database")
        }
        guard components.password == nil else {
            throw problem("it must not hold a password; set \(Self.passwordVariables[0]) in the environment instead")
        }
        guard let user = components.user, !user.isEmpty else {
            throw problem("it must name the user, as in postgresql://earshot@host/database")
        }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard ["sslmode", "sslrootcert", "host"].contains(item.name) else {
                throw problem("unknown parameter \"\(item.name)\"; sslmode, sslrootcert and host are understood")
            }
            parameters[item.name] = item.value ?? ""
        }
        let modeName = parameters["sslmode"] ?? Encryption.prefer.rawValue
        guard let encryption = Encryption(rawValue: modeName) else {
            let names = Encryption.allCases.map(\.rawValue).joined(separator: ", ")
            throw problem("sslmode must be one of \(names), not \"\(modeName)\"")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw problem("the port must be between 1 and 65535") }
        let host = (components.host ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if let folder = parameters["host"], folder.hasPrefix("/") {
            guard host.isEmpty else { throw problem("give either a host in the address or a socket folder in host=, not both") }
            endpoint = .socket(path: URL(fileURLWithPath: folder).appendingPathComponent(".s.PGSQL.\(port)").path)
        } else {
            endpoint = .network(host: host.isEmpty ? (parameters["host"] ?? "localhost") : host, port: port)
        }
        let name = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !name.contains("/") else { throw problem("the database name cannot hold \"/\"") }
        username = user
        database = name.isEmpty ? user : name
        self.encryption = encryption
        trustedCertificatesFile = parameters["sslrootcert"]
        self.password = password
    }

    /// The first password set in `environment` under one of ``passwordVariables``.
    public static func password(from environment: [String: String]) -> String? {
        passwordVariables.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
    }

    /// The address as a URL without the password, for messages and logs.
    public var description: String {
        var text = "postgresql://\(username)@"
        switch endpoint {
        case .network(let host, let port):
            text += (host.contains(":") ? "[\(host)]" : host) + ":\(port)/\(database)"
        case .socket(let path):
            text += "/\(database)?host=\(URL(fileURLWithPath: path).deletingLastPathComponent().path)"
        }
        if encryption != .prefer {
            if case .socket = endpoint { text += "&" } else { text += "?" }
            text += "sslmode=\(encryption.rawValue)"
        }
        return text
    }

    /// What `dump` and debuggers show: everything but the password.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "endpoint": endpoint, "username": username, "database": database, "encryption": encryption,
            "trustedCertificatesFile": trustedCertificatesFile as Any, "hasPassword": password != nil,
        ])
    }
}
