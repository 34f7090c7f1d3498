import HTTPTypes
import Hummingbird

/// Adds the headers that keep every answer out of other sites' frames and out of their referrer
/// logs. Hummingbird's `ContentSecurityMiddleware` sets the content security policy and
/// `X-Content-Type-Options`; these are the two it does not.
struct PageHeadersMiddleware: RouterMiddleware {
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[Self.frameOptions] = "DENY"
        response.headers[Self.referrerPolicy] = "no-referrer"
        return response
    }
}
