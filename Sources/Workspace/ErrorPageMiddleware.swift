import HTTPTypes
import Hummingbird
import Storage
import Templating

/// Answers every failure with a page in words for people and its status: a refused request (403),
/// a missing page or case (404), a form that cannot be read (400), a body too large (413), an
/// illegal move or a case changed meanwhile (409), and anything else (500).
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure = Self.failure(for: error)
            do {
                return .page(try pages.errorPage(failure), status: HTTPResponse.Status(code: failure.status))
            } catch {
                return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: "\(failure.message) (\(error))")))
            }
        }
    }

    /// The status and words for an error thrown by a route or a middleware.
    static func failure(for error: any Error) -> WorkspaceError {
        switch error {
        case let error as WorkspaceError:
            return error
        case let error as StorageError where error.isConflict:
            // Someone else moved the case between reading the page and sending the form.
            return .conflict(error.message)
        case let error as StorageError:
            return WorkspaceError(status: 500, message: "the database could not be read: \(error)")
        case let error as any HTTPResponseError:
            // Hummingbird's own refusals: no such route, a body over the limit (`NIOTooManyBytesError`
            // from reading it, or `RequestBoundsHandler` on its declared length), a decoding failure.
            let message = switch error.status {
            case .notFound, .methodNotAllowed: "There is no page at this address."
            case .contentTooLarge: "That is more than the workspace accepts at once (\(WorkspaceServer.bodyLimit >> 20) MiB)."
            default: (error as? HTTPError)?.body ?? error.status.reasonPhrase
            }
            return WorkspaceError(status: error.status.code, message: message)
        case is URLEncodedFormError, is DecodingError:
            return .badRequest("The form could not be read. Go back, reload the page and try again.")
        case let error as TemplateError:
            return WorkspaceError(status: 500, message: "the page could not be made: \(error)")
        default:
            return WorkspaceError(status: 500, message: "the request failed: \(error)")
        }
    }
}
