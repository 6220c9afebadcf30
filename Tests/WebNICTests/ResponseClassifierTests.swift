import Testing
import WebNIC

@Suite("ResponseClassifier")
struct ResponseClassifierTests {
    private func kind(_ status: Int, _ body: String, route: Route = .getOrganization, headers: [String: String] = [:]) -> WebNICError.Kind? {
        if case .failure(let error) = ResponseClassifier.classify(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)), route: route) {
            return error.kind
        }
        return nil
    }

    private static let envelope400 = #"{"code":"2400","message":"Failed","error":{"subCode":"SSL2400","message":"Operation not permitted"}}"#

    @Test("status first, then code, then the sub-code's tail, then the message", arguments: [
        (200, #"{"code":"1000","message":"ok","data":{}}"#, nil),
        (200, #"{"code":"2400","message":"x","error":{"subCode":"SSL2400","message":"nope"}}"#, WebNICError.Kind.businessRule),
        (200, "<html>", .badResponse),
        (200, #"{"message":"no code"}"#, .badResponse),
        (400, #"{"code":"2400","message":"x","error":{"subCode":"SSL4000","message":"Validation failed"}}"#, .validation),
        (400, #"{"code":"2400","message":"x","fieldErrors":[{"field":"a","messages":["b"]}]}"#, .validation),
        (400, #"{"code":"2400","message":"x","error":{"subCode":"SSL2400","message":"Organization not found"}}"#, .notFound),
        (400, envelope400, .businessRule),
        (401, #"{"code":"2400","message":"Invalid or expired token. Reason: Provided token isn't active"}"#, .unauthorized),
        (400, #"{"code":"2400","message":"Invalid or expired token. Reason: Provided token isn't active"}"#, .unauthorized),
        (403, #"{"code":"2400","error":{"subCode":"RES0004","message":"IP not allowed"}}"#, .forbidden),
        (403, "", .forbidden),
        (429, "", .rateLimited),
        (404, #"{"timestamp":"x","status":404,"error":"Not Found","path":"/x"}"#, .badResponse),
        (405, "", .badResponse),
        (302, "", .badResponse),
        (500, #"{"code":"2400","error":{"subCode":"SSL5000","message":"Unknown"}}"#, .upstream),
        (502, "<html>Bad Gateway</html>", .upstream),
        (503, "", .upstream),
        (504, "<html>", .upstream),
        (418, "teapot", .badResponse),
    ])
    func classification(status: Int, body: String, expected: WebNICError.Kind?) {
        #expect(kind(status, body) == expected)
    }

    @Test("wrong credentials at the token endpoint (HTTP 500, RES5001) are unauthorized")
    func tokenCredentials() {
        let body = #"{"code":"2400","message":"Invalid username","error":{"subCode":"RES5001","message":"Invalid username"}}"#
        #expect(kind(500, body, route: .token) == .unauthorized)
        #expect(kind(500, body, route: .getOrganization) == .upstream)
    }

    @Test("429 keeps Retry-After; errors keep the envelope or a short excerpt of another body")
    func details() throws {
        let limited = ResponseClassifier.classify(HTTPResponse(status: 429, headers: ["Retry-After": " 7 "], body: []), route: .getOrganization)
        guard case .failure(let error) = limited else { Issue.record("expected failure"); return }
        #expect(error.retryAfterSeconds == 7)
        #expect(error.httpStatus == 429)

        let page = String(repeating: "x", count: 3000)
        guard case .failure(let htmlError) = ResponseClassifier.classify(HTTPResponse(status: 502, body: Array(page.utf8)), route: .getOrganization) else {
            Issue.record("expected failure"); return
        }
        #expect(htmlError.bodyExcerpt == String(repeating: "x", count: 512) + "…")
        #expect(htmlError.envelope == nil)

        guard case .failure(let refused) = ResponseClassifier.classify(HTTPResponse(status: 400, body: Array(Self.envelope400.utf8)), route: .getOrganization) else {
            Issue.record("expected failure"); return
        }
        #expect(refused.envelope?.subCode == "SSL2400")
        #expect(refused.envelope?.errorMessage == "Operation not permitted")
        #expect(refused.message == "WebNIC refused the request: Operation not permitted.")
        #expect(refused.bodyExcerpt == nil)
    }
}
