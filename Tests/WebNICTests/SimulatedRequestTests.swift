import Testing
import WebNIC
import WebNICSimulator

@Suite("SimulatedRequest")
struct SimulatedRequestTests {
    @Test("the path and query of a target in origin or absolute form, without fragment", arguments: [
        ("/ssl/v2/organization/5", "/ssl/v2/organization/5", "/ssl/v2/organization/5"),
        ("/ssl/v2/organization/info?organizationId=5", "/ssl/v2/organization/info?organizationId=5", "/ssl/v2/organization/info"),
        ("http://127.0.0.1:8080/ssl/v2/organization/5", "/ssl/v2/organization/5", "/ssl/v2/organization/5"),
        ("https://sandbox.webnic-rpc.invalid/reseller/v2/api-user/token#f", "/reseller/v2/api-user/token", "/reseller/v2/api-user/token"),
        ("http://localhost:8080", "/", "/"),
    ])
    func targets(raw: String, target: String, path: String) {
        #expect(SimulatedRequest.target(of: raw) == target)
        #expect(SimulatedRequest(method: "GET", target: target, headers: [:], body: []).path == path)
    }

    @Test("header names are lower-cased, in a request as in a response")
    func headerNames() {
        let mixed = ["Authorization": "Bearer t", "content-type": "application/json", "X-Trace-ID": "1"]
        let lower = ["authorization": "Bearer t", "content-type": "application/json", "x-trace-id": "1"]
        #expect(SimulatedRequest(method: "GET", target: "/", headers: mixed, body: []).headers == lower)
        #expect(SimulatedRequest(method: "GET", target: "/", headers: lower, body: []).headers == lower)
        #expect(HTTPResponse(status: 200, headers: mixed).headers == lower)
    }
}
