import JSONCore
import Testing

/// One test per row of the error table: the exact error a host receives, provoked for real.
/// Retryable categories are provoked with `--retries 0` here; RetryTests covers the retries.
extension EndToEndTests {
    @Suite("Every error category, end to end")
    struct ErrorCategoryTests {
        /// The full error response for `id`.
        private func error(_ id: JSONValue = "call", code: Int, message: String, data: [JSONObject.Member]) -> JSONValue {
            ["jsonrpc": "2.0", "id": id, "error": ["code": .integer(code), "message": .string(message), "data": .object(JSONObject(data))]]
        }

        private func webnic(_ subCode: String, _ message: String, fieldErrors: JSONValue = []) -> JSONObject.Member {
            .init(key: "webnic", value: [
                "code": "2400", "message": .string(message), "subCode": .string(subCode), "errorMessage": .string(message),
                "fieldErrors": fieldErrors, "validationErrors": [],
            ])
        }

        @Test("invalid_params: every problem, before any network call")
        func invalidParams() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            let response = try await plugin.call("updateOrganizationContact", ["organizationId": 0, "organization": ["email": "x"]])
            #expect(response["error"]?["code"] == -32602)
            #expect(response["error"]?["data"]?["category"] == "invalid_params")
            #expect(response["error"]?["data"]?["fieldErrors"]?.arrayValue?.count == 9)
            #expect(try await simulator.requests() == [])
        }

        @Test("webnic_validation: WebNIC's own fieldErrors, passed through whole")
        func webnicValidation() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            var contact = try #require(Fixtures.contact.objectValue)
            contact["zip"] = "12345678901"
            let response = try await plugin.call("updateOrganizationContact", ["organizationId": 5, "organization": .object(contact)])
            #expect(response == error(code: 1001, message: "WebNIC rejected the data: Validation failed.", data: Fixtures.errorBase(
                "webnic_validation", retryable: false, hint: "Correct the fields WebNIC lists in webnic.fieldErrors and send the request again."
            ) + [
                .init(key: "httpStatus", value: 400), .init(key: "attempts", value: 1),
                webnic("SSL4000", "Validation failed", fieldErrors: [["field": "organization.zip", "messages": ["invalid length - min: 0 | max: 10"]]]),
            ]))
        }

        @Test("not_found: an organization that does not exist")
        func notFound() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            let response = try await plugin.call("getOrganization", ["organizationId": 999])
            #expect(response == error(code: 1002, message: "WebNIC found no such organization: Organization not found.", data: Fixtures.errorBase(
                "not_found", retryable: false, hint: "Check organizationId: no such organization exists for this account in this environment."
            ) + [.init(key: "httpStatus", value: 400), .init(key: "attempts", value: 1), webnic("SSL2400", "Organization not found")]))
        }

        @Test("unauthorized: wrong credentials at the token endpoint (HTTP 500, RES5001)")
        func wrongCredentials() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, environment: ["WEBNIC_PASSWORD": "wrong-password"])
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response == error(code: 1003, message: "WebNIC refused the API user or password: Invalid username.", data: Fixtures.errorBase(
                "unauthorized", retryable: false,
                hint: "Check WEBNIC_USERNAME and WEBNIC_PASSWORD (or WEBNIC_TOKEN) for this environment; OTE and production credentials differ."
            ) + [.init(key: "httpStatus", value: 500), .init(key: "attempts", value: 1), webnic("RES5001", "Invalid username")]))
        }

        @Test("unauthorized: a 401 that persists after exactly one fresh token")
        func persistentUnauthorized() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            try await simulator.inject("expiredToken", route: "getOrganization", count: 2)
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            let message = "Invalid or expired token. Reason: Provided token isn't active"
            #expect(response == error(code: 1003, message: "WebNIC refused the token: \(message).", data: Fixtures.errorBase(
                "unauthorized", retryable: false,
                hint: "Check WEBNIC_USERNAME and WEBNIC_PASSWORD (or WEBNIC_TOKEN) for this environment; OTE and production credentials differ."
            ) + [.init(key: "httpStatus", value: 401), .init(key: "attempts", value: 2), webnic("RES2401", message)]))
            #expect(try await simulator.stats()["tokenMints"] == 2)
        }

        @Test("forbidden: HTTP 403, the hint names the IPv4 allow list")
        func forbidden() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            try await simulator.inject("http403", route: "getOrganization")
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response == error(code: 1004, message: "WebNIC refused the call from this address (HTTP 403, RES0004): Forbidden access.", data: Fixtures.errorBase(
                "forbidden", retryable: false,
                hint: "Add this machine's public IPv4 address to the API allow list in the WebNIC partner portal; the list takes IPv4 only, so on a machine that also has IPv6 start webnic-rpc with --ipv4."
            ) + [.init(key: "httpStatus", value: 403), .init(key: "attempts", value: 1), webnic("RES0004", "Forbidden access")]))
        }

        @Test("rate_limited: HTTP 429 with Retry-After")
        func rateLimited() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--retries", "0"])
            try await simulator.inject("http429", route: "getOrganization", extra: ["retryAfter": 7])
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response == error(code: 1005, message: "WebNIC is limiting the request rate (HTTP 429).", data: Fixtures.errorBase(
                "rate_limited", retryable: true, hint: "Wait retryAfterSeconds (or a few seconds when absent) and send the request again."
            ) + [
                .init(key: "httpStatus", value: 429), .init(key: "attempts", value: 1), .init(key: "retryAfterSeconds", value: 7),
                webnic("RES4290", "Too many requests"),
            ]))
        }

        @Test("business_rule: WebNIC refuses an update while validation is in progress")
        func businessRule() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            let response = try await plugin.call("updateOrganizationContact", ["organizationId": 7, "organization": Fixtures.contact])
            let said = "Organization contact cannot be updated while validation is in progress"
            #expect(response == error(code: 1006, message: "WebNIC refused the request: \(said).", data: Fixtures.errorBase(
                "business_rule", retryable: false, hint: "Read webnic.errorMessage for the rule WebNIC applied and change the request accordingly."
            ) + [.init(key: "httpStatus", value: 400), .init(key: "attempts", value: 1), webnic("SSL2400", said)]))
        }

        @Test("business_rule: HTTP 200 whose envelope code is not 1000")
        func successStatusWithFailureCode() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            try await simulator.inject("badCode", route: "getOrganization")
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response["error"]?["code"] == 1006)
            #expect(response["error"]?["data"]?["httpStatus"] == 200)
            #expect(response["error"]?["data"]?["webnic"]?["code"] == "2400")
        }

        @Test("upstream_error: HTTP 500 with WebNIC's envelope")
        func upstream500() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--retries", "0"])
            try await simulator.inject("http500", route: "getOrganization")
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response == error(code: 1007, message: "WebNIC failed with HTTP 500: Unknown error occurred.", data: Fixtures.errorBase(
                "upstream_error", retryable: true, hint: "WebNIC failed on its side; send the request again after a short wait."
            ) + [.init(key: "httpStatus", value: 500), .init(key: "attempts", value: 1), webnic("SSL5000", "Unknown error occurred")]))
        }

        @Test("upstream_error: a proxy's 503 page")
        func upstream503() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--retries", "0"])
            try await simulator.inject("http503", route: "getOrganization")
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response == error(code: 1007, message: "WebNIC failed with HTTP 503.", data: Fixtures.errorBase(
                "upstream_error", retryable: true, hint: "WebNIC failed on its side; send the request again after a short wait."
            ) + [
                .init(key: "httpStatus", value: 503), .init(key: "attempts", value: 1),
                .init(key: "bodyExcerpt", value: "<html><head><title>503</title></head><body><h1>503</h1><hr><center>nginx</center></body></html>"),
            ]))
        }

        @Test("network: nothing listens at the base URL")
        func connectionRefused() async throws {
            let simulator = try await Simulator()
            let closedPort = simulator.port
            simulator.process.terminate()
            _ = try await simulator.process.waitForExit()
            let plugin = try Plugin(["--retries", "0"], environment: [
                "WEBNIC_USERNAME": "u", "WEBNIC_PASSWORD": "p", "WEBNIC_BASE_URL": "http://127.0.0.1:\(closedPort)",
            ])
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response == error(code: 1008, message: "Could not reach WebNIC at 127.0.0.1:\(closedPort): connection refused.", data: Fixtures.errorBase(
                "network", retryable: true, hint: "Check DNS, firewall and proxy access to the WebNIC base URL, then send the request again."
            ) + [.init(key: "attempts", value: 1)]))
        }

        @Test("network: the connection is reset instead of answered")
        func connectionReset() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--retries", "0"])
            try await simulator.inject("reset", route: "getOrganization", count: 5)
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response["error"]?["code"] == 1008)
            #expect(response["error"]?["data"]?["category"] == "network")
            #expect(response["error"]?["data"]?["httpStatus"] == nil)
        }

        @Test("every other transport and proxy fault, with the exact error", arguments: [
            ("reset", 1008, "Could not reach WebNIC: connection lost.", "network", nil as Int?),
            ("truncate", 1008, "Could not reach WebNIC: the transfer failed before the response was complete.", "network", nil),
            ("http502", 1007, "WebNIC failed with HTTP 502.", "upstream_error", 502),
            ("http504", 1007, "WebNIC failed with HTTP 504.", "upstream_error", 504),
            ("http429", 1005, "WebNIC is limiting the request rate (HTTP 429).", "rate_limited", 429),
        ])
        func transportFaults(fault: String, code: Int, message: String, category: String, status: Int?) async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--retries", "0"])
            // libcurl silently re-sends once on a reused connection that fails, so the fault is armed twice.
            try await simulator.inject(fault, route: "getOrganization", count: 2)
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response["error"]?["code"] == .integer(code))
            // A network failure names where WebNIC was sought.
            #expect(response["error"]?["message"] == .string(message.replacingOccurrences(of: "WebNIC:", with: "WebNIC at 127.0.0.1:\(simulator.port):")))
            #expect(response["error"]?["data"]?["category"] == .string(category))
            #expect(response["error"]?["data"]?["retryable"] == true)
            #expect(response["error"]?["data"]?["httpStatus"] == status.map { .integer($0) })
            #expect(response["error"]?["data"]?["attempts"] == 1)
            #expect(response["error"]?["data"]?["retryAfterSeconds"] == nil)
        }

        @Test("timeout: no answer within --timeout")
        func timeout() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--timeout", "0.5", "--retries", "0"])
            try await simulator.inject("delay", route: "getOrganization", extra: ["delayMs": 5000])
            let start = ContinuousClock.now
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(ContinuousClock.now - start < .seconds(3))
            #expect(response == error(code: 1009, message: "WebNIC did not answer within the timeout.", data: Fixtures.errorBase(
                "timeout", retryable: true, hint: "Send the request again; if it keeps happening, raise --timeout or check the network path to WebNIC."
            ) + [.init(key: "attempts", value: 1)]))
        }

        @Test("bad_upstream_response: a 200 whose body is not JSON")
        func notJSON() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            try await simulator.inject("notJSON", route: "getOrganization")
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response == error(code: 1010, message: "WebNIC answered HTTP 200 with a body that is not its JSON envelope.", data: Fixtures.errorBase(
                "bad_upstream_response", retryable: false,
                hint: "Check --base-url / WEBNIC_BASE_URL: the answer did not come from WebNIC's API at the expected route."
            ) + [.init(key: "httpStatus", value: 200), .init(key: "attempts", value: 1), .init(key: "bodyExcerpt", value: "<html><body>OK</body></html>")]))
        }

        @Test("bad_upstream_response: a wrong route gets a 404 without WebNIC's envelope")
        func wrongRoute() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--base-url", simulator.baseURL + "/api"])
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response["error"]?["code"] == 1010)
            #expect(response["error"]?["message"] == "WebNIC has no such route (HTTP 404 without its envelope); the base URL or the route table is wrong.")
            #expect(response["error"]?["data"]?["httpStatus"] == 404)
            // The token route is missing too: the base URL is what is wrong.
            #expect(response["error"]?["data"]?["hint"] == "Check --base-url / WEBNIC_BASE_URL: the answer did not come from WebNIC's API at the expected route.")
        }

        @Test("bad_upstream_response: Get Organization Info's path answers 404: the hint names doctor and --get-organization-path")
        func missingOrganizationRoute() async throws {
            let simulator = try await Simulator(arguments: ["--get-organization-path", "/ssl/v2/organization/info?organizationId={organizationId}"])
            let plugin = try Plugin(simulator: simulator)
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response["error"]?["code"] == 1010)
            #expect(response["error"]?["data"]?["httpStatus"] == 404)
            #expect(response["error"]?["data"]?["hint"] == "Get Organization Info may be at another path than the one assumed: run webnic-rpc doctor --organization-id N (an organization of this account) to find it, then start webnic-rpc with the --get-organization-path it prints; if every path fails, check --base-url / WEBNIC_BASE_URL.")
        }

        @Test("bad_upstream_response: a redirect is never followed")
        func redirect() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            try await simulator.inject("redirect", route: "getOrganization")
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response == error(
                code: 1010, message: "WebNIC answered with a redirect (HTTP 302), which is not followed; the base URL is probably wrong.",
                data: Fixtures.errorBase(
                    "bad_upstream_response", retryable: false,
                    hint: "Check --base-url / WEBNIC_BASE_URL: the answer did not come from WebNIC's API at the expected route."
                ) + [.init(key: "httpStatus", value: 302), .init(key: "attempts", value: 1)]
                    // FoundationNetworking (URLSession on Linux) drops the body of a redirect it was
                    // told not to follow; libcurl and Apple's URLSession keep it.
                    + (Binaries.transport == "urlsession" ? [] : [.init(key: "bodyExcerpt", value: "<html>Moved</html>")])
            ))
            #expect(try await simulator.requests().count == 2)
        }

        @Test("configuration: no credentials, and the message says which settings to give")
        func configuration() async throws {
            let plugin = try Plugin([], environment: [:])
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response == error(
                code: 1011,
                message: "No WebNIC credentials are configured: set WEBNIC_USERNAME and WEBNIC_PASSWORD (or WEBNIC_PASSWORD_FILE), or WEBNIC_TOKEN (or WEBNIC_TOKEN_FILE).",
                data: Fixtures.errorBase(
                    "configuration", retryable: false, hint: "Set the setting named in the message (credentials or base URL) and restart webnic-rpc."
                ) + [.init(key: "attempts", value: 0)]
            ))
        }
    }
}
