import Testing
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
}
