import JSONCore
import Testing

extension EndToEndTests {
    @Suite("updateOrganizationContact, end to end over loopback HTTP")
    struct UpdateOrganizationContactTests {
        @Test("an update is sent as WebNIC documents it and a later read returns it")
        func updateThenRead() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            let updated = try await plugin.call("updateOrganizationContact", [
                "organizationId": 5, "organization": Fixtures.contact, "technicalContactId": "WNC970363T",
            ])
            let result = try #require(updated["result"])
            let expectedContact: JSONValue = [
                "company": "Nelson & Sons", "firstName": "Johny", "lastName": "O'Nelson", "address1": "L4-E-2, HIVE 5, Mranti 2",
                "address2": nil, "city": "Bukit Jalil", "state": "Selangor", "countryCode": "MY", "zip": "57100",
                "phoneNumber": "+60.123456789", "faxNumber": nil, "email": "admin@nelson.example", "jobTitle": "CEO",
            ]
            #expect(result["organization"] == expectedContact)
            #expect(result["technicalContactId"] == "WNC970363T")
            #expect(result["createdAt"] == "2025-01-02T04:10:05Z")
            let modifiedAt = try #require(result["modifiedAt"]?.stringValue)
            #expect(modifiedAt.count == 27 && modifiedAt.hasSuffix("Z") && modifiedAt != "2025-01-13T12:52:01.973992Z")

            let read = try await plugin.call("getOrganization", ["organizationId": 5], id: "read")
            #expect(read["result"] == result)

            let put = try #require(try await simulator.requests().first { $0["method"] == "PUT" })
            #expect(put == [
                "method": "PUT", "path": "/ssl/v2/organization/5/contact/update", "authorization": "Bearer <redacted>",
                "contentType": "application/json", "userAgent": "webnic-rpc/0.1.0",
                "body": [
                    "organization": [
                        "company": "Nelson & Sons", "firstName": "Johny", "lastName": "O'Nelson", "address1": "L4-E-2, HIVE 5, Mranti 2",
                        "address2": "", "city": "Bukit Jalil", "state": "Selangor", "countryCode": "MY", "zip": "57100",
                        "phoneNumber": "+60.123456789", "faxNumber": nil, "email": "admin@nelson.example", "jobTitle": "CEO",
                    ],
                    "technicalContactId": "WNC970363T",
                ],
            ])
        }

        @Test("what getOrganization returns can be edited and passed straight back")
        func roundTrip() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            var organization = try #require(try await plugin.call("getOrganization", ["organizationId": 5])["result"]?.objectValue)
            var contact = try #require(organization["organization"]?.objectValue)
            contact["email"] = "new@webnic.example"
            organization["organization"] = .object(contact)
            let updated = try await plugin.call("updateOrganizationContact", .object(organization), id: "write")
            #expect(updated["result"]?["organization"]?["email"] == "new@webnic.example")
            #expect(updated["result"]?["organization"]?["firstName"] == "First Name Here's")
            #expect(updated["result"]?["technicalContactId"] == "SSL10619T")
        }

        @Test("dryRun sends nothing and returns the request exactly as it would go out, without credentials")
        func dryRun() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            let response = try await plugin.call("updateOrganizationContact", [
                "organizationId": 5, "organization": Fixtures.contact, "dryRun": true,
            ], id: 9)
            #expect(response == ["jsonrpc": "2.0", "id": 9, "result": [
                "dryRun": true,
                "request": [
                    "method": "PUT", "url": .string(simulator.baseURL + "/ssl/v2/organization/5/contact/update"),
                    "body": ["organization": [
                        "company": "Nelson & Sons", "firstName": "Johny", "lastName": "O'Nelson", "address1": "L4-E-2, HIVE 5, Mranti 2",
                        "address2": "", "city": "Bukit Jalil", "state": "Selangor", "countryCode": "MY", "zip": "57100",
                        "phoneNumber": "+60.123456789", "faxNumber": nil, "email": "admin@nelson.example", "jobTitle": "CEO",
                    ]],
                ],
            ]])
            #expect(try await simulator.requests() == [])
            #expect(!plugin.process.stdoutLines[0].contains(Simulator.password))
        }

        @Test("dryRun works without any credentials")
        func dryRunWithoutCredentials() async throws {
            let plugin = try Plugin([], environment: ["WEBNIC_ENV": "production"])
            let response = try await plugin.call("updateOrganizationContact", ["organizationId": 7, "organization": Fixtures.contact, "dryRun": true])
            #expect(response["result"]?["request"]?["url"] == "https://api.webnic.cc/ssl/v2/organization/7/contact/update")
        }
    }
}
