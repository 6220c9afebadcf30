import JSONCore
import WebNIC

extension WebNICSimulator {
    // MARK: - Faults

    /// The answer a fault plays instead of the normal one, or `nil` for a fault that only
    /// changes how the normal answer is made (`expiredToken`, `delay`).
    func response(for fault: Fault, to request: SimulatedRequest) -> SimulatedResponse? {
        switch fault.kind {
        case .echo:
            let page = "<html><body><h1>400 Bad Request</h1><pre>\n" + Self.echo(request) + "</pre></body></html>"
            return SimulatedResponse(status: 400, contentType: "text/html", body: Array(page.utf8))
        case .headerInToken:
            return success(["access_token": "sim.bad\r\nX-Injected: 1", "expires_in": 3600])
        case .echoEnvelope:
            return envelopeError(status: 400, code: "2400", subCode: "SSL4002", message: "Bad request: " + Self.echo(request).replacing("\n", with: " | "))
        case .http500:
            return envelopeError(status: 500, code: "2400", subCode: "SSL5000", message: "Unknown error occurred")
        case .http502, .http503, .http504:
            let status = Int(fault.kind.rawValue.dropFirst(4)) ?? 502
            let page = "<html><head><title>\(status)</title></head><body><h1>\(status)</h1><hr><center>nginx</center></body></html>"
            return SimulatedResponse(status: status, contentType: "text/html", body: Array(page.utf8))
        case .http429:
            let headers = fault.retryAfter.map { [("Retry-After", String($0))] } ?? []
            var answer = envelopeError(status: 429, code: "2400", subCode: "RES4290", message: "Too many requests")
            answer.headers = headers
            return answer
        case .http403:
            return envelopeError(status: 403, code: "2400", subCode: "RES0004", message: "Forbidden access")
        case .forbidden400:
            return envelopeError(status: 400, code: "2400", subCode: "DOM0004", message: "Forbidden access with current ip address")
        case .notFound500:
            return envelopeError(status: 500, code: "2400", subCode: "SSL5000", message: "Object does not exist")
        case .partial207:
            return plain(207, ["code": "3000", "message": "Command completed partially."])
        case .noData:
            return plain(200, ["code": "1000", "message": "Command completed successfully."])
        case .validation:
            return envelopeError(
                status: 400, code: "2400", subCode: "SSL4000", message: "Validation failed",
                fieldErrors: [["field": "organization.lastName", "messages": ["invalid length - min: 1 | max: 60", "invalid format"]]]
            )
        case .notJSON:
            return SimulatedResponse(status: 200, contentType: "text/html", body: Array("<html><body>OK</body></html>".utf8))
        case .badCode:
            return envelopeError(status: 200, code: "2400", subCode: "SSL2400", message: "Operation not permitted")
        case .redirect:
            return SimulatedResponse(
                status: 302, contentType: "text/html", headers: [("Location", "http://127.0.0.1:9/elsewhere")],
                body: Array("<html>Moved</html>".utf8)
            )
        case .reset:
            return SimulatedResponse(status: 200, body: [], delivery: .reset)
        case .truncate:
            return SimulatedResponse(status: 200, body: Array(#"{"code":"1000","message":"Command completed successfully.","data":{"organizationId""#.utf8), delivery: .truncate)
        case .oversized, .oversizedChunked:
            return SimulatedResponse(status: 200, body: [], delivery: .oversized(bytes: fault.bytes, chunked: fault.kind == .oversizedChunked))
        case .expiredToken, .delay, .delayBefore:
            return nil
        }
    }
}
