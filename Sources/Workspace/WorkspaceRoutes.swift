import Foundation
import Hummingbird
import Model
import Workflow

extension Workspace {
    /// The workspace's routes and the middleware in front of them.
    ///
    /// Every request passes, in order: the content security policy and page headers, the error
    /// page (every failure answered in words with its status), the request's time and client
    /// address, and reading its body (up to the limit). The static files and the sign-in page
    /// need no session; the sign-in form must carry the token made for its cookie. Every other
    /// route needs a live session (else a redirect to /login, or 403 for a post), and every post
    /// behind it the session's form token (else 403); then the use case checks the role (403) and
    /// the state machine the move (409).
    func router(trustedProxies: Set<String>, now: @escaping @Sendable () -> Date) -> Router<WorkspaceRequestContext> {
        let router = Router(context: WorkspaceRequestContext.self)
        router.addMiddleware {
            ContentSecurityMiddleware(contentSecurityPolicy: [
                .defaultSrc(.self), .scriptSrc(.self), .styleSrc(.self), .imgSrc(.self), .formAction(.self),
                .frameAncestors(.none), .baseURI(.none), .objectSrc(.none),
            ])
            PageHeadersMiddleware()
            ErrorPageMiddleware(pages: pages)
            RequestClockMiddleware(now: now)
            ClientAddressMiddleware(trustedProxies: trustedProxies)
            RequestBodyMiddleware()
        }
        router.get("static/style.css") { _, _ in Response.asset(StyleSheet.css, contentType: "text/css; charset=utf-8") }
        router.get("static/draft-check.js") { _, _ in Response.asset(DraftCheckScript.javaScript, contentType: "text/javascript; charset=utf-8") }
        router.addRoutes(signInRoutes(), atPath: "login")

        let signedIn = router.group()
            .add(middleware: SessionMiddleware(workspace: self))
            .group(context: SignedInRequestContext.self)
            .add(middleware: FormTokenMiddleware(
                refusal: "This form has expired or did not come from the workspace. Go back, reload the page and try again."
            ) { _, context in context.user.csrfToken })
        signedIn.get("/") { request, context in
            try await self.queue(try request.uri.decodeQuery(as: QueueFilter.self, context: context), user: context.user, at: context.receivedAt)
        }
        signedIn.post("logout") { request, _ in
            try await self.signOut(sessionToken: request.cookies[Workspace.sessionCookie]?.value)
        }
        signedIn.addRoutes(reportRoutes(), atPath: "")
        signedIn.addRoutes(caseRoutes(), atPath: "cases")
        return router
    }

    /// `/login`: the sign-in page, and its form.
    private func signInRoutes() -> RouteCollection<WorkspaceRequestContext> {
        let routes = RouteCollection(context: WorkspaceRequestContext.self)
            .add(middleware: FormTokenMiddleware(
                refusal: "This sign-in form has expired or did not come from the workspace. Reload the page and try again."
            ) { request, _ in
                request.cookies[Workspace.loginCookie].map { self.loginFormToken(for: $0.value) }
            })
        routes.get { request, context in
            if try await self.signedInUser(sessionToken: request.cookies[Workspace.sessionCookie]?.value, at: context.receivedAt) != nil {
                return Response.seeOther("/")
            }
            return try self.signInPage(reusing: request.cookies[Workspace.loginCookie]?.value)
        }
        routes.post { request, context in
            let form = try await request.decode(as: SignInForm.self, context: context)
            return try await self.signIn(name: form.name ?? "", password: form.password ?? "",
                                         nonce: request.cookies[Workspace.loginCookie]?.value, from: context.clientAddress, at: context.receivedAt)
        }
        return routes
    }

    /// The case a route's path names.
    private static func caseID(in context: SignedInRequestContext) throws -> CaseID {
        try caseID(context.parameters.get("case") ?? "")
    }

    /// `/digest`, `/feeds` and `/mentions`: what the scans found, and how the sources are doing.
    private func reportRoutes() -> RouteCollection<SignedInRequestContext> {
        let routes = RouteCollection(context: SignedInRequestContext.self)
        routes.get("digest") { request, context in
            try await self.digestPage(day: try request.uri.decodeQuery(as: DigestQuery.self, context: context).date, user: context.user,
                                      at: context.receivedAt)
        }
        routes.get("feeds") { _, context in
            try await self.feedsPage(user: context.user)
        }
        routes.get("mentions") { request, context in
            try await self.mentionsPage(try request.uri.decodeQuery(as: MentionSearch.self, context: context), user: context.user)
        }
        return routes
    }

    /// `/cases/N`: a case's page, the live draft check, and the moves a person may make on it.
    private func caseRoutes() -> RouteCollection<SignedInRequestContext> {
        let routes = RouteCollection(context: SignedInRequestContext.self)
        routes.get(":case") { _, context in
            try await self.casePage(try Self.caseID(in: context), user: context.user, at: context.receivedAt)
        }
        routes.post(":case/check") { request, context in
            let form = try await request.decode(as: DraftForm.self, context: context)
            return try await self.liveCheck(of: form.text ?? "", on: try Self.caseID(in: context), user: context.user)
        }
        routes.post(":case/draft") { request, context in
            let form = try await request.decode(as: DraftForm.self, context: context)
            return try await self.saveDraft(form.text ?? "", audience: form.audience.flatMap(Audience.init(rawValue:)), on: try Self.caseID(in: context),
                                            user: context.user, at: context.receivedAt)
        }
        routes.post(":case/approve") { request, context in
            let form = try await request.decode(as: ApprovalForm.self, context: context)
            return try await self.approve(draftID: form.draft.flatMap { Int64($0) }, on: try Self.caseID(in: context), user: context.user,
                                          at: context.receivedAt)
        }
        routes.post(":case/respond") { _, context in
            try await self.markResponded(try Self.caseID(in: context), user: context.user, at: context.receivedAt)
        }
        routes.post(":case/escalate") { request, context in
            let form = try await request.decode(as: ReasonForm.self, context: context)
            return try await self.escalate(try Self.caseID(in: context), reason: form.reason ?? "", user: context.user, at: context.receivedAt)
        }
        routes.post(":case/dismiss") { request, context in
            let form = try await request.decode(as: ReasonForm.self, context: context)
            return try await self.dismiss(try Self.caseID(in: context), reason: form.reason ?? "", user: context.user, at: context.receivedAt)
        }
        return routes
    }
}
