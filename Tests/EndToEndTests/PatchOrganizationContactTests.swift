import JSONCore
import Testing

extension EndToEndTests {
    @Suite("patchOrganizationContact, end to end over loopback HTTP")
    struct PatchOrganizationContactTests {
        /// Organization 5's contact as WebNIC holds it at first, as the plugin sends it back.
        static let contact5: [JSONObject.Member] = [
            .init(key: "company", value: "Nelson Solutions"), .init(key: "firstName", value: "First Name Here's"),
            .init(key: "lastName", value: "LastN"), .init(key: "address1", value: "L4-E-2, HIVE 5, Mranti 2"),
            .init(key: "address2", value: nil), .init(key: "city", value: "Bukit Jalil 2"), .init(key: "state", value: "Selangor 2"),
            .init(key: "countryCode", value: "SG"), .init(key: "zip", value: "571001"), .init(key: "phoneNumber", value: "+022.6506503"),
            .init(key: "faxNumber", value: nil), .init(key: "email", value: "wj@webnic.cc"), .init(key: "jobTitle", value: "guru"),
        ]

        /// Organization 5's contact with `changes` applied.
        static func contact5(_ changes: [String: JSONValue]) -> JSONValue {
            var object = JSONObject(contact5)
            for (key, value) in changes { object[key] = value }
            return .object(object)
        }

        /// The PUT requests the simulator received, their bodies.
        static func puts(_ simulator: Simulator) async throws -> [JSONValue] {
            try await simulator.requests().filter { $0["method"] == "PUT" }.compactMap { $0["body"] }
        }

        @Test("a patch of one field sends one PUT: the contact as WebNIC held it with only that field changed")
        func oneField() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            let response = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["email": "admin@nelson.example"]])
            let result = try #require(response["result"])
            #expect(result["organization"] == Self.contact5(["email": "admin@nelson.example"]))
            #expect(result["changes"] == [["field": "organization.email", "before": "wj@webnic.cc", "after": "admin@nelson.example"]])
            #expect(result["technicalContactId"] == "SSL10619T")
            #expect(result["modifiedAt"] != "2025-01-13T12:52:01.973992Z")
            let requests = try await simulator.requests()
            #expect(requests.map { [$0["method"], $0["path"]] } == [
                ["POST", "/reseller/v2/api-user/token"], ["GET", "/ssl/v2/organization/5"], ["PUT", "/ssl/v2/organization/5/contact/update"],
            ])
            #expect(try await Self.puts(simulator) == [["organization": Self.contact5(["email": "admin@nelson.example"])]])
            #expect(try await plugin.call("getOrganization", ["organizationId": 5], id: "read")["result"]?["organization"]?["email"] == "admin@nelson.example")
        }

        @Test("null clears an optional field; a new technical contact is sent only when it differs")
        func clearAndTechnicalContact() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            let response = try await plugin.call("patchOrganizationContact", [
                "organizationId": 5, "changes": ["jobTitle": nil, "zip": "", "state": "Johor"], "technicalContactId": "WNC970363T",
            ])
            #expect(response["result"]?["changes"] == [
                ["field": "organization.state", "before": "Selangor 2", "after": "Johor"],
                ["field": "organization.zip", "before": "571001", "after": nil],
                ["field": "organization.jobTitle", "before": "guru", "after": nil],
                ["field": "technicalContactId", "before": "SSL10619T", "after": "WNC970363T"],
            ])
            #expect(response["result"]?["technicalContactId"] == "WNC970363T")
            #expect(try await Self.puts(simulator) == [[
                "organization": Self.contact5(["jobTitle": nil, "zip": nil, "state": "Johor"]), "technicalContactId": "WNC970363T",
            ]])
            let same = try await plugin.call("patchOrganizationContact", [
                "organizationId": 5, "changes": ["city": "Ipoh"], "technicalContactId": "WNC970363T",
            ], id: "again")
            #expect(same["result"]?["changes"] == [["field": "organization.city", "before": "Bukit Jalil 2", "after": "Ipoh"]])
            #expect(try await Self.puts(simulator).last?["technicalContactId"] == nil)
        }

        @Test("a patch that changes nothing sends no PUT and says so with empty changes")
        func noOp() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            let response = try await plugin.call("patchOrganizationContact", [
                "organizationId": 5, "changes": ["email": "wj@webnic.cc", "address2": nil, "faxNumber": ""], "technicalContactId": "SSL10619T",
            ])
            #expect(response["result"] == (try json(String(Fixtures.organization5.dropLast()) + #","changes":[]}"#)))
            #expect(try await simulator.requests().map(\.["method"]) == ["POST", "GET"])
        }

        @Test("a required field cannot be cleared, an unknown key gets a suggestion: -32602 and not a single request")
        func refusedOffline() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            let response = try await plugin.call("patchOrganizationContact", [
                "organizationId": 5, "changes": ["email": nil, "jobtitle": "CEO", "phoneNumber": "60 12"],
            ], id: 3)
            #expect(response == [
                "jsonrpc": "2.0", "id": 3,
                "error": [
                    "code": -32602,
                    "message": "Invalid params, 3 problems: `changes.jobtitle`: unknown field; did you mean `jobTitle`?; `changes.phoneNumber`: expected +, a country calling code of 1-3 digits, a dot and 4-14 digits, for example +60.123456789; `changes.email`: is required and cannot be cleared: give a new value or leave it out to keep it.",
                    "data": .object(JSONObject(Fixtures.errorBase("invalid_params", retryable: false, hint: "Correct the fields listed in fieldErrors and send the request again.") + [
                        .init(key: "fieldErrors", value: [
                            ["field": "changes.jobtitle", "message": "unknown field; did you mean `jobTitle`?"],
                            ["field": "changes.phoneNumber", "message": "expected +, a country calling code of 1-3 digits, a dot and 4-14 digits, for example +60.123456789"],
                            ["field": "changes.email", "message": "is required and cannot be cleared: give a new value or leave it out to keep it"],
                        ]),
                    ])),
                ],
            ])
            #expect(try await simulator.requests() == [])
        }

        @Test("fields not named are written back as WebNIC holds them, even a phone number the plugin would refuse as input")
        func legacyValuesWrittenBack() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            let response = try await plugin.call("patchOrganizationContact", ["organizationId": 8, "changes": ["email": "it@legacy.example"]])
            #expect(response["result"]?["organization"]?["phoneNumber"] == "+60.512345678901234567")
            #expect(response["result"]?["organization"]?["email"] == "it@legacy.example")
            #expect(try await Self.puts(simulator).first?["organization"]?["phoneNumber"] == "+60.512345678901234567")
            let refused = try await plugin.call("patchOrganizationContact", ["organizationId": 8, "changes": ["phoneNumber": "+60.512345678901234567"]], id: 2)
            #expect(refused["error"]?["data"]?["fieldErrors"]?.arrayValue?.first?["field"] == "changes.phoneNumber")
        }

        @Test("dryRun reads and plans but sends no PUT; the plan's modifiedAt then guards the write")
        func dryRunThenApply() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            let plan = try await plugin.call("patchOrganizationContact", [
                "organizationId": 5, "changes": ["email": "admin@nelson.example"], "dryRun": true,
            ], id: 1)
            #expect(plan == ["jsonrpc": "2.0", "id": 1, "result": [
                "dryRun": true,
                "changes": [["field": "organization.email", "before": "wj@webnic.cc", "after": "admin@nelson.example"]],
                "request": [
                    "method": "PUT", "url": .string(simulator.baseURL + "/ssl/v2/organization/5/contact/update"),
                    "body": ["organization": Self.contact5(["email": "admin@nelson.example"])],
                ],
                "modifiedAt": "2025-01-13T12:52:01.973992Z",
            ]])
            #expect(try await simulator.requests().map(\.["method"]) == ["POST", "GET"])
            let noOp = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["email": "wj@webnic.cc"], "dryRun": true], id: 2)
            #expect(noOp["result"] == ["dryRun": true, "changes": [], "request": nil, "modifiedAt": "2025-01-13T12:52:01.973992Z"])
            let applied = try await plugin.call("patchOrganizationContact", [
                "organizationId": 5, "changes": ["email": "admin@nelson.example"], "expectedModifiedAt": plan["result"]?["modifiedAt"] ?? nil,
            ], id: 3)
            #expect(applied["result"]?["changes"] == plan["result"]?["changes"])
            #expect(try await Self.puts(simulator) == [plan["result"]?["request"]?["body"] ?? nil])
        }

        @Test("a stale expectedModifiedAt is a conflict and nothing is sent; the same instant written another way matches")
        func conflict() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            let stale = try await plugin.call("patchOrganizationContact", [
                "organizationId": 5, "changes": ["city": "Ipoh"], "expectedModifiedAt": "2025-01-13T12:52:01.973991Z",
            ], id: 1)
            #expect(stale == ["jsonrpc": "2.0", "id": 1, "error": [
                "code": 1012,
                "message": "The organization changed since it was read: expectedModifiedAt is 2025-01-13T12:52:01.973991Z, but it was modified at 2025-01-13T12:52:01.973992Z. Nothing was sent.",
                "data": .object(JSONObject(Fixtures.errorBase(
                    "conflict", retryable: false, hint: "Someone changed the organization after you read it: re-read the organization and apply the change again."
                ) + [
                    .init(key: "attempts", value: 1), .init(key: "expectedModifiedAt", value: "2025-01-13T12:52:01.973991Z"),
                    .init(key: "currentModifiedAt", value: "2025-01-13T12:52:01.973992Z"),
                ])),
            ]])
            #expect(try await Self.puts(simulator) == [])
            let sameInstant = try await plugin.call("patchOrganizationContact", [
                "organizationId": 5, "changes": ["city": "Ipoh"], "expectedModifiedAt": "2025-01-13T20:52:01.9739920+08:00",
            ], id: 2)
            #expect(sameInstant["result"]?["organization"]?["city"] == "Ipoh")
            #expect(try await Self.puts(simulator).count == 1)
        }

        @Test("updateOrganizationContact with expectedModifiedAt reads first, lists the changes of the full replacement, refuses when stale")
        func updateWithExpectedModifiedAt() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            let organization = Self.contact5(["email": "admin@nelson.example", "jobTitle": nil])
            let preview = try await plugin.call("updateOrganizationContact", [
                "organizationId": 5, "organization": organization, "expectedModifiedAt": "2025-01-13T12:52:01.973992Z", "dryRun": true,
            ], id: 1)
            #expect(preview["result"] == [
                "dryRun": true,
                "changes": [
                    ["field": "organization.email", "before": "wj@webnic.cc", "after": "admin@nelson.example"],
                    ["field": "organization.jobTitle", "before": "guru", "after": nil],
                ],
                "request": ["method": "PUT", "url": .string(simulator.baseURL + "/ssl/v2/organization/5/contact/update"), "body": ["organization": organization]],
                "modifiedAt": "2025-01-13T12:52:01.973992Z",
            ])
            let written = try await plugin.call("updateOrganizationContact", [
                "organizationId": 5, "organization": organization, "expectedModifiedAt": "2025-01-13T12:52:01.973992Z",
            ], id: 2)
            #expect(written["result"]?["changes"] == preview["result"]?["changes"])
            #expect(written["result"]?["organization"] == organization)
            let stale = try await plugin.call("updateOrganizationContact", [
                "organizationId": 5, "organization": organization, "expectedModifiedAt": "2025-01-13T12:52:01.973992Z",
            ], id: 3)
            #expect(stale["error"]?["data"]?["category"] == "conflict")
            #expect(stale["error"]?["data"]?["currentModifiedAt"] == written["result"]?["modifiedAt"])
            #expect(try await simulator.requests().map(\.["method"]) == ["POST", "GET", "GET", "PUT", "GET"])
        }
    }
}
