import Testing
import WebNICSimulator

@Suite("SimulatedRequest")
struct SimulatedRequestTests {
    @Test("the path of a target in origin or absolute form, without query or fragment", arguments: [
        ("/ssl/v2/organization/5", "/ssl/v2/organization/5"),
        ("/ssl/v2/organization/5?x=1", "/ssl/v2/organization/5"),
        ("http://127.0.0.1:8080/ssl/v2/organization/5", "/ssl/v2/organization/5"),
        ("https://sandbox.webnic-rpc.invalid/reseller/v2/api-user/token#f", "/reseller/v2/api-user/token"),
        ("http://localhost:8080", "/"),
    ])
    func paths(target: String, path: String) {
        #expect(SimulatedRequest.path(ofTarget: target) == path)
    }
}
