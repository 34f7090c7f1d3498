import Hummingbird

/// Refuses (403) a form posted without the token the workspace put in it, so that a page on
/// another site cannot post forms in a signed-in person's name.
///
/// Behind the session, the token is the session's own; on the sign-in form, where there is no
/// session yet, it is the HMAC of the sign-in cookie under a key that never leaves the process
/// (see ``Workspace/loginFormToken(for:)``), so that planting a cookie is not enough to forge one.
/// Only posts are checked; the body has been read by ``RequestBodyMiddleware``.
struct FormTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The token a request's form must carry, or nil when none can be right.
    let expectedToken: @Sendable (Request, Context) -> String?
    /// What the person is told when the token is missing or wrong.
    let refusal: String

    init(refusal: String, expectedToken: @escaping @Sendable (Request, Context) -> String?) {
        self.refusal = refusal
        self.expectedToken = expectedToken
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .post {
            let token = try await request.decode(as: FormToken.self, context: context).value ?? ""
            guard let expected = expectedToken(request, context), !token.isEmpty,
                  PasswordHasher.constantTimeEqual(Array(token.utf8), Array(expected.utf8)) else {
                throw WorkspaceError.forbidden(refusal)
            }
        }
        return try await next(request, context)
    }
}
