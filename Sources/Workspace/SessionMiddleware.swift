import Hummingbird

/// Finds the signed-in person from the session cookie, for every route but the sign-in page and
/// the static files. Without a live session a page redirects to the sign-in page, and a form is
/// refused (403).
struct SessionMiddleware: RouterMiddleware {
    let workspace: Workspace

    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        let token = request.cookies[Workspace.sessionCookie]?.value
        guard let user = try await workspace.signedInUser(sessionToken: token, at: context.receivedAt) else {
            if request.method == .post { throw WorkspaceError.forbidden("Sign in first.") }
            return .seeOther("/login")
        }
        var context = context
        context.user = user
        return try await next(request, context)
    }
}
