import JSONCore
import Log
import Platform

/// Calls WebNIC's SSL organization endpoints and returns typed records or typed errors.
///
/// Knows nothing of JSON-RPC. Every call is bounded by the configured timeout: token mint,
/// retries, backoff and replay included. Failures a repeat can cure are retried as the
/// `RetryPolicy` says; a 401 on a minted token gets exactly one fresh token and one replay.
/// The `Authorization` header is built at the last moment and never logged or returned, and no
/// secret (the password, any token) that an upstream echoes back reaches an error.
package final class WebNICClient: Sendable {
    private let configuration: ClientConfiguration
    private let transport: any HTTPTransport
    private let tokens: TokenProvider?
    private let redactor: SecretRedactor
    private let logger: Logger

    /// A client for `configuration`, sending through `transport`, logging to `logger`.
    package init(configuration: ClientConfiguration, transport: any HTTPTransport, logger: Logger) {
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        let redactor: SecretRedactor
        switch configuration.credentials {
        case .password(_, let password)?: redactor = SecretRedactor(secrets: [password])
        case .token(let token)?: redactor = SecretRedactor(secrets: [token])
        case nil: redactor = SecretRedactor(secrets: [])
        }
        self.redactor = redactor
        tokens = Self.tokenProvider(configuration: configuration, transport: transport, redactor: redactor, logger: logger)
    }

    private init(configuration: ClientConfiguration, transport: any HTTPTransport, tokens: TokenProvider?, redactor: SecretRedactor, logger: Logger) {
        self.configuration = configuration
        self.transport = transport
        self.tokens = tokens
        self.redactor = redactor
        self.logger = logger
    }

    /// The same client calling the routes at `routes`, sharing its transport and its token.
    package func using(_ routes: RouteTable) -> WebNICClient {
        // The configuration was valid and only its routes change, so it cannot fail to rebuild.
        let changed = (try? ClientConfiguration(
            baseURL: configuration.baseURL, credentials: configuration.credentials, timeout: configuration.timeout,
            userAgent: configuration.userAgent, retryPolicy: configuration.retryPolicy, routes: routes
        )) ?? configuration
        return WebNICClient(configuration: changed, transport: transport, tokens: tokens, redactor: redactor, logger: logger)
    }

    /// Checks that a token can be had: mints one from the API user and secret and returns its
    /// lifetime in seconds, or returns `nil` for a fixed token (which WebNIC checks on the first call).
    package func checkToken() async throws(WebNICError) -> Int? {
        guard let tokens else { throw WebNICError.noCredentials }
        guard tokens.canRenew else { return nil }
        _ = try await tokens.token(deadline: ContinuousClock.now + configuration.timeout)
        return tokens.lastLifetime
    }

    private static func tokenProvider(
        configuration: ClientConfiguration, transport: any HTTPTransport, redactor: SecretRedactor, logger: Logger
    ) -> TokenProvider? {
        switch configuration.credentials {
        case .token(let token)?:
            return TokenProvider(fixedToken: token)
        case .password(let username, let password)?:
            return TokenProvider { deadline throws(WebNICError) in
                try await Self.mintToken(
                    username: username, password: password, configuration: configuration,
                    transport: transport, redactor: redactor, logger: logger, deadline: deadline
                )
            }
        case nil:
            return nil
        }
    }

    /// The path of each route this client calls.
    package var routes: RouteTable { configuration.routes }

    /// The most time one call may take.
    package var timeout: Duration { configuration.timeout }

    /// The host WebNIC is reached at, with the port when it is not the scheme's (`ClientConfiguration.hostAndPort`).
    package var hostAndPort: String { configuration.hostAndPort }

    /// Get Organization Info; `onAttempt` hears of each HTTP attempt.
    package func getOrganization(id: Int64, onAttempt: AttemptObserver? = nil) async throws(WebNICError) -> CallReply<OrganizationRecord> {
        try await call(.getOrganization, organizationId: id, body: nil, onAttempt: onAttempt)
    }

    /// Update Organization Contact; returns the organization as WebNIC now holds it. `onAttempt`
    /// hears of each HTTP attempt.
    package func updateOrganizationContact(
        _ update: ContactUpdate, onAttempt: AttemptObserver? = nil
    ) async throws(WebNICError) -> CallReply<OrganizationRecord> {
        try await call(.updateOrganizationContact, organizationId: update.organizationId, body: update.body, onAttempt: onAttempt)
    }

    /// The request Update Organization Contact would send, without credentials: for a dry run.
    package func preview(_ update: ContactUpdate) -> RequestPreview {
        let route = Route.updateOrganizationContact
        return RequestPreview(method: route.method, url: configuration.baseURL + configuration.routes.path(route, organizationId: update.organizationId), body: update.body)
    }

    private func call(
        _ route: Route, organizationId: Int64, body: JSONValue?, onAttempt: AttemptObserver?
    ) async throws(WebNICError) -> CallReply<OrganizationRecord> {
        // A call cancelled before it starts (a request cancelled while it waited) sends nothing, not even a token mint.
        guard !Task.isCancelled else { throw WebNICError.cancelled() }
        guard let tokens else { throw WebNICError.noCredentials }
        let deadline = ContinuousClock.now + configuration.timeout
        let url = configuration.baseURL + configuration.routes.path(route, organizationId: organizationId)
        let bodyBytes = body.map { body -> [UInt8] in
            var writer = JSONWriter()
            writer.write(body)
            return writer.bytes
        }
        var attempts = 0
        var attemptNumber = 0
        var renewed = false
        // The latest attempt that may have reached WebNIC unanswered: nothing a later attempt
        // meets (no connection, a 503, a fresh token refused) says whether it was applied.
        var unconfirmed: UnconfirmedAttempt?
        while true {
            let token: String
            do throws(WebNICError) {
                token = try await tokens.token(deadline: deadline)
            } catch {
                // The mint's own failures say nothing of the route's attempts.
                var error = error
                error.unconfirmed = unconfirmed
                throw error
            }
            var headers = [
                HTTPHeader("Accept", "application/json"),
                HTTPHeader("User-Agent", configuration.userAgent),
                HTTPHeader("Authorization", "Bearer \(token)"),
            ]
            if bodyBytes != nil { headers.append(HTTPHeader("Content-Type", "application/json")) }
            let request = HTTPRequest(method: route.method, url: url, headers: headers, body: bodyBytes)
            let envelope: Envelope
            let status: Int
            do throws(WebNICError) {
                (envelope, status) = try await configuration.retryPolicy.run(
                    route: route, deadline: deadline, attempts: &attempts, logger: Self.retryLogger(logger), onAttempt: onAttempt
                ) { () throws(WebNICError) in
                    attemptNumber += 1
                    do throws(WebNICError) {
                        return try await Self.exchange(
                            request, route: route, attempt: attemptNumber, transport: transport, redactor: redactor, logger: logger, deadline: deadline
                        )
                    } catch {
                        if let attempt = error.unconfirmed { unconfirmed = attempt }
                        throw error
                    }
                }
            } catch {
                var error = error
                error.unconfirmed = unconfirmed
                if error.kind == .unauthorized, !renewed, tokens.canRenew {
                    renewed = true
                    logger.debug("token refused; minting a fresh one and replaying once", metadata: [("route", route.rawValue)])
                    tokens.invalidate(token)
                    continue
                }
                throw error
            }
            do throws(DecodingProblem) {
                return CallReply(value: try OrganizationRecord(data: envelope.data), attempts: attempts, httpStatus: status)
            } catch {
                var failure = WebNICError(
                    kind: .badResponse, message: "WebNIC's answer is not shaped as documented: \(error.description).",
                    httpStatus: status, envelope: envelope, attempts: attempts
                )
                failure.unconfirmed = UnconfirmedAttempt(attempt: attemptNumber, reason: .unreadable(status: status))
                throw failure
            }
        }
    }

    /// The `host:port` a URL reaches (the scheme's port when it names none): `oteapi.webnic.cc:443`.
    static func target(of url: String) -> String {
        let afterScheme = url.split(separator: "://", maxSplits: 1).last ?? Substring(url)
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" }
        let hasPort = authority.last.map { $0 != "]" } == true && authority.split(separator: "]").last?.contains(":") == true
        if hasPort { return String(authority) }
        return "\(authority):\(url.lowercased().hasPrefix("https") ? 443 : 80)"
    }

    private static func retryLogger(_ logger: Logger) -> RetryLogger {
        { route, error, attempts, wait in
            logger.info("retrying", metadata: [
                ("route", route.rawValue), ("after", error.kind.rawValue), ("attempts", attempts),
                ("waitMs", wait.wholeMilliseconds),
            ])
        }
    }

    /// Sends one request, attempt number `attempt` of its call, within `deadline` and classifies
    /// what came back: WebNIC's envelope and the HTTP status, or the failure, with every known
    /// secret taken out of what it quotes and `unconfirmed` set when the request may have reached
    /// WebNIC without an answer saying what it did.
    private static func exchange(
        _ request: HTTPRequest, route: Route, attempt: Int, transport: any HTTPTransport, redactor: SecretRedactor, logger: Logger,
        deadline: ContinuousClock.Instant
    ) async throws(WebNICError) -> (Envelope, Int) {
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else {
            throw WebNICError(kind: .timeout, message: "WebNIC did not answer within the timeout.")
        }
        guard !Task.isCancelled else { throw WebNICError.cancelled() }
        logger.trace("sending", metadata: [("method", request.method), ("url", request.url)])
        let response: HTTPResponse
        do throws(TransportError) {
            response = try await transport.send(request, timeout: remaining)
        } catch {
            var failure = WebNICError(transport: error, target: target(of: request.url))
            failure.unconfirmed = UnconfirmedAttempt.reason(error, message: failure.message).map { UnconfirmedAttempt(attempt: attempt, reason: $0) }
            throw failure
        }
        logger.trace("response", metadata: [("status", response.status), ("bytes", response.body.count)])
        switch ResponseClassifier.classify(response, route: route) {
        case .success(let envelope): return (envelope, response.status)
        case .failure(let error):
            // Classified again from the body with every known secret replaced, so that nothing the
            // error quotes (WebNIC's messages, its envelope, an excerpt of another body) holds one.
            var failure = WebNICError(kind: error.kind, message: "WebNIC refused the request.", httpStatus: error.httpStatus)
            if case .failure(let redacted) = ResponseClassifier.classify(redactor.redact(response), route: route) { failure = redacted }
            failure.unconfirmed = UnconfirmedAttempt.reason(status: response.status, error).map { UnconfirmedAttempt(attempt: attempt, reason: $0) }
            throw failure
        }
    }

    private static func mintToken(
        username: String, password: String, configuration: ClientConfiguration,
        transport: any HTTPTransport, redactor: SecretRedactor, logger: Logger, deadline: ContinuousClock.Instant
    ) async throws(WebNICError) -> (token: String, lifetime: Int) {
        let body: JSONValue = ["username": .string(username), "password": .string(password)]
        var writer = JSONWriter()
        writer.write(body)
        let request = HTTPRequest(
            method: Route.token.method, url: configuration.baseURL + configuration.routes.path(.token),
            headers: [
                HTTPHeader("Accept", "application/json"), HTTPHeader("User-Agent", configuration.userAgent),
                HTTPHeader("Content-Type", "application/json"),
            ],
            body: writer.bytes
        )
        logger.debug("minting a WebNIC token", metadata: [("username", username)])
        var attempts = 0
        var attemptNumber = 0
        let (envelope, _) = try await configuration.retryPolicy.run(
            route: .token, deadline: deadline, attempts: &attempts, logger: retryLogger(logger)
        ) { () throws(WebNICError) in
            attemptNumber += 1
            return try await exchange(request, route: .token, attempt: attemptNumber, transport: transport, redactor: redactor, logger: logger, deadline: deadline)
        }
        guard let token = envelope.data?["access_token"]?.stringValue, !token.isEmpty else {
            throw WebNICError(
                kind: .badResponse, message: "WebNIC's token answer has no `data.access_token`.", httpStatus: 200,
                envelope: envelope, attempts: attempts
            )
        }
        // A token goes into a header: a line break in it would start another header.
        guard token.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw WebNICError(
                kind: .badResponse, message: "WebNIC's token holds a line break, a space or another character a header cannot carry; it was not used.",
                httpStatus: 200, attempts: attempts
            )
        }
        redactor.add(token: token)
        let lifetime = envelope.data?["expires_in"]?.numberValue?.int64Value.flatMap { Int(exactly: $0) } ?? 3600
        return (token, lifetime)
    }
}
