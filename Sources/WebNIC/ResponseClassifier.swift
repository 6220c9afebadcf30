/// Turns an HTTP response into WebNIC's `data` or a typed error.
///
/// Classification follows what is known of WebNIC (`shared/webnic-api.md`): a few envelopes mean
/// the same whatever the HTTP status (an expired token; `…0004`, forbidden, seen with 403 and
/// 400; "not found", "does not exist" or "Invalid … id", seen with 400 and 500), then the HTTP
/// status, then the envelope's `code`, then the numeric tail of `error.subCode` (never the whole
/// sub-code string, whose prefix differs between WebNIC's APIs).
package enum ResponseClassifier {
    /// The message WebNIC gives for an expired or revoked token.
    static let expiredTokenMessage = "invalid or expired token"

    /// What to do when Get Organization Info's path does not exist: the one assumed path of the API.
    package static let missingOrganizationRouteHint = "Get Organization Info may be at another path than the one assumed: run webnic-rpc doctor --organization-id N (an organization of this account) to find it, then start webnic-rpc with the --get-organization-path it prints; if every path fails, check --base-url / WEBNIC_BASE_URL."

    /// The envelope of a successful response, or the error the response stands for.
    package static func classify(_ response: HTTPResponse, route: Route) -> Result<Envelope, WebNICError> {
        let envelope = Envelope(body: response.body)
        let status = response.status
        func failure(_ kind: WebNICError.Kind, _ message: String, hint: String? = nil) -> Result<Envelope, WebNICError> {
            .failure(WebNICError(
                kind: kind, message: message, httpStatus: status, envelope: envelope,
                retryAfterSeconds: kind == .rateLimited ? retryAfter(response) : nil,
                bodyExcerpt: envelope == nil ? excerpt(response.body) : nil, hint: hint
            ))
        }
        if let envelope, !envelope.isSuccess || status >= 400 {
            if isExpiredToken(envelope) {
                return failure(.unauthorized, "WebNIC refused the token: \(envelope.bestMessage ?? "invalid or expired token").")
            }
            // Wrong credentials at the token endpoint: HTTP 500 with `…5001` (observed), or any status naming them.
            if route == .token, envelope.subCodeTail == "5001" || mentionsCredentials(envelope) {
                return failure(.unauthorized, "WebNIC refused the API user or password: \(envelope.bestMessage ?? "invalid credentials").")
            }
            if envelope.subCodeTail == "0004" {
                return failure(.forbidden, "WebNIC refused the call from this address (HTTP \(status), \(envelope.subCode ?? "…0004"))\(envelope.bestMessage.map { ": \($0)" } ?? "").")
            }
            if isNotFound(envelope) {
                return failure(.notFound, "WebNIC found no such organization: \(envelope.bestMessage ?? "not found").")
            }
        }
        switch status {
        case 200..<300:
            guard let envelope else {
                return failure(.badResponse, "WebNIC answered HTTP \(status) with a body that is not its JSON envelope.")
            }
            if envelope.isSuccess { return .success(envelope) }
            if envelope.code == Envelope.partialSuccessCode {
                return .failure(WebNICError(
                    kind: .businessRule,
                    message: "WebNIC did the request only in part (code \(envelope.code), HTTP \(status))\(envelope.bestMessage.map { ": \($0)" } ?? "").",
                    httpStatus: status, envelope: envelope,
                    hint: "Part of the request may have been applied: read the organization to see what WebNIC now holds, then send what is still to change."
                ))
            }
            return refusal(envelope) { failure($0, $1) }
        case 300..<400:
            return failure(.badResponse, "WebNIC answered with a redirect (HTTP \(status)), which is not followed; the base URL is probably wrong.")
        case 401:
            return failure(.unauthorized, "WebNIC refused the credentials (HTTP 401).")
        case 403:
            return failure(.forbidden, "WebNIC refused the call (HTTP 403)\(envelope?.bestMessage.map { ": \($0)" } ?? "").")
        case 429:
            return failure(.rateLimited, "WebNIC is limiting the request rate (HTTP 429).")
        case 404 where envelope == nil, 405 where envelope == nil:
            return failure(
                .badResponse, "WebNIC has no such route (HTTP \(status) without its envelope); the base URL or the route table is wrong.",
                hint: route == .getOrganization ? missingOrganizationRouteHint : nil
            )
        case 500..<600:
            let said = envelope?.bestMessage.map { ": \($0)" } ?? ""
            return failure(.upstream, "WebNIC failed with HTTP \(status)\(said).")
        default:
            guard let envelope else {
                return failure(.badResponse, "WebNIC answered HTTP \(status) with a body that is not its JSON envelope.")
            }
            return refusal(envelope) { failure($0, $1) }
        }
    }

    private static func refusal(
        _ envelope: Envelope, failure: (WebNICError.Kind, String) -> Result<Envelope, WebNICError>
    ) -> Result<Envelope, WebNICError> {
        let said = envelope.bestMessage ?? "code \(envelope.code)"
        if envelope.subCodeTail == "4000" || envelope.hasFieldProblems {
            return failure(.validation, "WebNIC rejected the data: \(said).")
        }
        return failure(.businessRule, "WebNIC refused the request: \(said).")
    }

    /// Whether WebNIC says the thing asked for does not exist: "… not found", "… does not
    /// exist …" or "Invalid … id" (all seen, with HTTP 400 and 500 alike).
    static func isNotFound(_ envelope: Envelope) -> Bool {
        [envelope.message, envelope.errorMessage].contains { message in
            guard let text = message else { return false }
            if ASCIISearch.contains("not found", in: text, ignoringCase: true)
                || ASCIISearch.contains("does not exist", in: text, ignoringCase: true) {
                return true
            }
            let words = text.lowercased().split { !$0.isLetter }
            guard let invalid = words.firstIndex(of: "invalid") else { return false }
            return words[words.index(after: invalid)...].contains("id")
        }
    }

    private static func isExpiredToken(_ envelope: Envelope) -> Bool {
        [envelope.message, envelope.errorMessage].contains { message in
            message.map { ASCIISearch.contains(expiredTokenMessage, in: $0, ignoringCase: true) } ?? false
        }
    }

    private static func mentionsCredentials(_ envelope: Envelope) -> Bool {
        [envelope.message, envelope.errorMessage].contains { message in
            guard let message else { return false }
            return ASCIISearch.contains("invalid username", in: message, ignoringCase: true)
                || ASCIISearch.contains("invalid password", in: message, ignoringCase: true)
        }
    }

    /// `Retry-After` in whole seconds, when given as a number.
    static func retryAfter(_ response: HTTPResponse) -> Int? {
        guard let value = response.headers["retry-after"]?.split(separator: " ", omittingEmptySubsequences: true).first,
              let seconds = Int(value), seconds >= 0
        else { return nil }
        return seconds
    }

    /// The start of a body, as text, at most 512 bytes (cut on a character boundary).
    static func excerpt(_ body: [UInt8]) -> String? {
        guard !body.isEmpty else { return nil }
        var text = String(decoding: body.prefix(512), as: UTF8.self)
        if body.count > 512 {
            if text.last == "\u{FFFD}" { text.removeLast() }
            text += "…"
        }
        return text
    }
}
