/// One HTTP response: status, headers and body, independent of the server library.
public struct WorkspaceResponse: Sendable {
    public var status: Int
    /// Header fields in order; `Set-Cookie` may repeat.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    /// A response from its parts.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// An HTML page.
    static func html(_ page: String, status: Int = 200) -> WorkspaceResponse {
        WorkspaceResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")],
                          body: Array(page.utf8))
    }

    /// A redirect after a form or to the sign-in page (303, so the browser follows with GET).
    static func redirect(to location: String) -> WorkspaceResponse {
        WorkspaceResponse(status: 303, headers: [("Location", location), ("Cache-Control", "no-store")])
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every value of a header, by case-insensitive name.
    public func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The body as text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
