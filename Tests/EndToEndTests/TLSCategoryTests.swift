import JSONCore
import Testing

extension EndToEndTests {
    @Suite("tls, end to end")
    struct TLSCategoryTests {
        @Test("https to a server that does not speak TLS: the handshake fails, tls, never retried")
        func handshakeFails() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin([], environment: [
                "WEBNIC_USERNAME": Simulator.username, "WEBNIC_PASSWORD": Simulator.password, "WEBNIC_BASE_URL": "https://127.0.0.1:\(simulator.port)",
            ])
            let response = try await plugin.call("getOrganization", ["organizationId": 5], id: 1)
            #expect(response == ["jsonrpc": "2.0", "id": 1, "error": [
                "code": 1014, "message": "The secure connection to WebNIC failed: the TLS handshake failed.",
                "data": .object(JSONObject(Fixtures.errorBase(
                    "tls", retryable: false,
                    hint: "The server's TLS certificate was refused or the handshake failed: check that the base URL's host name is the one the certificate names; if a proxy or a private CA signs it, give that CA's certificate with --ca-file (or WEBNIC_CA_FILE, SSL_CERT_FILE). Verification is never turned off."
                ) + [.init(key: "attempts", value: 1)])),
            ]])
        }
    }
}
