import JSONCore
import Testing

extension EndToEndTests {
    @Suite("What WebNIC is now known to do, end to end")
    struct LearnedBehaviourEndToEndTests {
        @Test("a …0004 sub-code with HTTP 400 is forbidden; Object does not exist at HTTP 500 is not_found, not retried")
        func newShapes() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--retry-backoff", "0"])
            try await simulator.inject("forbidden400", route: "getOrganization")
            let forbidden = try await plugin.call("getOrganization", ["organizationId": 5], id: 1)
            #expect(forbidden["error"]?["code"] == 1004)
            #expect(forbidden["error"]?["message"] == "WebNIC refused the call from this address (HTTP 400, DOM0004): Forbidden access with current ip address.")
            try await simulator.inject("notFound500", route: "getOrganization")
            let missing = try await plugin.call("getOrganization", ["organizationId": 5], id: 2)
            #expect(missing["error"]?["data"]?["category"] == "not_found")
            #expect(missing["error"]?["data"]?["attempts"] == 1)
            #expect(missing["error"]?["data"]?["httpStatus"] == 500)
        }

        @Test("a partial success (3000, HTTP 207) and a success without data: clear errors, no crash")
        func partialAndNoData() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            try await simulator.inject("partial207", route: "updateOrganizationContact")
            let partial = try await plugin.call("updateOrganizationContact", ["organizationId": 5, "organization": Fixtures.contact], id: 1)
            #expect(partial["error"]?["code"] == 1006)
            #expect(partial["error"]?["message"] == "WebNIC did the request only in part (code 3000, HTTP 207): Command completed partially.")
            #expect(partial["error"]?["data"]?["hint"] == "Part of the request may have been applied: read the organization to see what WebNIC now holds, then send what is still to change.")
            try await simulator.inject("noData", route: "getOrganization")
            let empty = try await plugin.call("getOrganization", ["organizationId": 5], id: 2)
            #expect(empty["error"]?["data"]?["category"] == "bad_upstream_response")
            #expect(empty["error"]?["message"] == "WebNIC's answer is not shaped as documented: the answer has no `data`, where the organization belongs.")
        }

        @Test("a lower-case countryCode comes back upper case; an offset becomes UTC, a time without a zone stays as written")
        func untidyAnswers() async throws {
            let plugin = try Plugin(["--sandbox"])
            let result = try #require(try await plugin.call("getOrganization", ["organizationId": 8])["result"])
            #expect(result["organization"]?["countryCode"] == "MY")
            #expect(result["createdAt"] == "2019-05-20T03:00:00Z")
            #expect(result["modifiedAt"] == "2019-05-20T11:00:00")
            let guarded = try await plugin.call("patchOrganizationContact", [
                "organizationId": 8, "changes": ["city": "Taiping"], "expectedModifiedAt": "2019-05-20T11:00:00",
            ], id: 2)
            #expect(guarded["result"]?["organization"]?["city"] == "Taiping")
            #expect(guarded["result"]?["organization"]?["countryCode"] == "MY")
        }
    }
}
