import Hummingbird

/// Reads each request's body into memory before it is routed, up to the context's
/// `maxUploadSize` (413 beyond it), so that the form token and the route's form can both be
/// decoded from it.
///
/// A body declared larger than the limit is failed by ``RequestBoundsHandler`` as soon as its
/// header arrives, and is never waited for.
struct RequestBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        _ = try await request.collectBody(upTo: context.maxUploadSize)
        return try await next(request, context)
    }
}
