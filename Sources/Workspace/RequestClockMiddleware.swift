import Foundation
import Hummingbird

/// Stamps each request with the moment it arrived, read once from the server's clock, so that
/// every check and page of one request sees the same time (and tests can set it).
struct RequestClockMiddleware: RouterMiddleware {
    let now: @Sendable () -> Date

    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.receivedAt = now()
        return try await next(request, context)
    }
}
