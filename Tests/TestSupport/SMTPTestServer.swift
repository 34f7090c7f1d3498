import Foundation

/// A real SMTP server (aiosmtpd, started from `scripts/smtp_test_server.py`) on 127.0.0.1 and
/// a port the system chooses, for tests that send mail through libcurl.
///
/// The server files each accepted message before it answers 250, so once a send has succeeded
/// ``receivedMessages()`` already holds it: no waiting or polling. The server stops when
/// ``stop()`` is called, when the test process ends (it watches its standard input), or after
/// its own time limit. Use ``withSMTPTestServer(username:password:rejectedDomain:_:)``.
public final class SMTPTestServer: Sendable {
    /// Login details the server demands before it accepts mail.
    public struct Credentials: Sendable {
        /// The login name the server accepts.
        public var username: String
        /// The password the server accepts.
        public var password: String

        /// Creates login details for the server.
        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    /// One message as the server received it, and what Python's email package decoded from it.
    public struct ReceivedMessage: Sendable, Decodable {
        /// A display name and address pair from a From or To header.
        public struct Mailbox: Sendable, Decodable, Equatable {
            /// The decoded display name, empty when there is none.
            public var name: String
            /// The bare address.
            public var address: String

            /// Creates a mailbox, for comparing with what arrived.
            public init(name: String, address: String) {
                self.name = name
                self.address = address
            }
        }

        /// One leaf MIME part, decoded.
        public struct Part: Sendable, Decodable {
            /// The part's media type, e.g. `text/plain`.
            public var contentType: String
            /// The charset parameter, lowercased by Python, or nil.
            public var charset: String?
            /// The Content-Transfer-Encoding as written, e.g. `quoted-printable`.
            public var transferEncoding: String
            /// The part's text after transfer decoding and charset decoding, line ends as sent (CRLF).
            public var text: String

            enum CodingKeys: String, CodingKey {
                case contentType = "content_type", charset, transferEncoding = "transfer_encoding", text
            }
        }

        /// What the email package made of the raw bytes.
        public struct Decoded: Sendable, Decodable {
            /// The From header's mailboxes.
            public var from: [Mailbox]
            /// The To header's mailboxes.
            public var to: [Mailbox]
            /// Selected headers with encoded-words decoded (Subject, Date, Message-ID, MIME-Version, Content-Type).
            public var headers: [String: String]
            /// The message's own media type, e.g. `multipart/alternative`.
            public var contentType: String
            /// The leaf parts in order.
            public var parts: [Part]
            /// Names of every defect the parser noticed in headers and parts; empty for a clean message.
            public var defects: [String]

            enum CodingKeys: String, CodingKey {
                case from, to, headers, contentType = "content_type", parts, defects
            }
        }

        /// The envelope sender (MAIL FROM), without angle brackets.
        public var mailFrom: String
        /// The envelope recipients (RCPT TO) the server accepted, without angle brackets.
        public var recipients: [String]
        /// Whether the client logged in before sending.
        public var isAuthenticated: Bool
        /// The message bytes as received, after the server removed dot-stuffing.
        public var raw: Data
        /// Nil only when Python's email package could not parse the message at all.
        public var decoded: Decoded?

        enum CodingKeys: String, CodingKey {
            case mailFrom = "mail_from", recipients, isAuthenticated = "authenticated", raw, decoded
        }
    }

    /// Why the server could not be started or read.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong and what to do about it.
        public var description: String
    }

    /// The Python interpreter that runs the server: the repository's `.build-venv` if present.
    public static var pythonExecutable: URL {
        let virtualEnvironment = packageRoot.appendingPathComponent(".build-venv/bin/python3")
        if FileManager.default.isExecutableFile(atPath: virtualEnvironment.path) { return virtualEnvironment }
        return URL(fileURLWithPath: "/usr/bin/env")
    }

    /// Whether aiosmtpd can be imported by ``pythonExecutable``; checked once per test process.
    public static let isAvailable: Bool =
        (try? runProgramWaiting(pythonExecutable, pythonArguments(["-c", "import aiosmtpd"])))?.status == 0

    /// Whether the environment demands that SMTP tests run (`EARSHOT_REQUIRE_SMTP_TESTS=1`, set by scripts/test).
    public static var isRequired: Bool {
        ProcessInfo.processInfo.environment["EARSHOT_REQUIRE_SMTP_TESTS"] == "1"
    }

    /// Whether tests that need the server should run: it is installed, or it is required (and
    /// the tests then fail, saying what is missing).
    public static var shouldRunTests: Bool { isAvailable || isRequired }

    /// The port the server listens on, at 127.0.0.1.
    public let port: Int
    /// The folder the server writes received messages into.
    public let folder: URL
    private let process: Process
    private let input: FileHandle

    private init(port: Int, folder: URL, process: Process, input: FileHandle) {
        self.port = port
        self.folder = folder
        self.process = process
        self.input = input
    }

    /// Starts the server and waits, off Swift's cooperative pool, until it accepts connections.
    public static func start(
        in folder: URL, credentials: Credentials? = nil, rejectedDomain: String? = nil
    ) async throws -> SMTPTestServer {
        guard isAvailable else {
            let demand = isRequired ? " (EARSHOT_REQUIRE_SMTP_TESTS=1 says the SMTP tests must run)" : ""
            throw Failure(description: """
                aiosmtpd cannot be imported by \(pythonExecutable.path)\(demand): \
                run scripts/install-test-helpers to install it into .build-venv
                """)
        }
        var arguments = [packageRoot.appendingPathComponent("scripts/smtp_test_server.py").path, folder.path]
        if let credentials {
            arguments += ["--username", credentials.username, "--password", credentials.password]
        }
        if let rejectedDomain { arguments += ["--reject-domain", rejectedDomain] }
        let process = Process()
        process.executableURL = pythonExecutable
        process.arguments = pythonArguments(arguments)
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()

        let readyLine: String? = await withCheckedContinuation { continuation in
            let reader = Thread {
                continuation.resume(returning: readLine(from: output.fileHandleForReading))
            }
            reader.name = "smtp-test-server-ready"
            reader.start()
        }
        guard let readyLine, readyLine.hasPrefix("READY "), let port = Int(readyLine.dropFirst(6)) else {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failure(description: "the SMTP test server did not start: \(message)")
        }
        return SMTPTestServer(port: port, folder: folder, process: process, input: input.fileHandleForWriting)
    }

    /// Every message accepted so far, oldest first.
    public func receivedMessages() throws -> [ReceivedMessage] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
        return try names.map { name in
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return try JSONDecoder().decode(ReceivedMessage.self, from: data)
        }
    }

    /// Stops the server and waits for it to exit.
    public func stop() {
        try? input.close()
        process.waitUntilExit()
    }

    private static func pythonArguments(_ arguments: [String]) -> [String] {
        pythonExecutable.path == "/usr/bin/env" ? ["python3"] + arguments : arguments
    }

    /// Reads one line (without its newline) from a pipe, or nil at end of file.
    private static func readLine(from handle: FileHandle) -> String? {
        var bytes = Data()
        while true {
            guard let next = try? handle.read(upToCount: 1), let byte = next.first else {
                return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }
}

/// Runs `body` with an SMTP server on loopback that files messages in a fresh temporary folder,
/// then stops the server and removes the folder.
/// - Parameters:
///   - credentials: when given, the server demands AUTH with these before accepting mail.
///   - rejectedDomain: recipients at this domain are refused with 550.
public func withSMTPTestServer<Result>(
    credentials: SMTPTestServer.Credentials? = nil,
    rejectedDomain: String? = nil,
    _ body: (SMTPTestServer) async throws -> Result
) async throws -> Result {
    try await withTemporaryDirectory { folder in
        let server = try await SMTPTestServer.start(
            in: folder.appendingPathComponent("received"), credentials: credentials, rejectedDomain: rejectedDomain)
        defer { server.stop() }
        return try await body(server)
    }
}
