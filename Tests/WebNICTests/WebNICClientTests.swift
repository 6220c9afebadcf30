import JSONCore
import Log
import Testing
import WebNIC
import WebNICSimulator

/// A client talking to a fresh simulator in-process.
struct ClientHarness {
    let simulator: WebNICSimulator
    let client: WebNICClient

    init(
        credentials: Credentials? = .password(username: SimulatorSettings.sandboxUsername, password: SimulatorSettings.sandboxPassword),
        timeout: Duration = .seconds(5), settings: SimulatorSettings = SimulatorSettings()
    ) throws {
        simulator = WebNICSimulator(settings: settings, clock: { "2026-11-30T12:00:00.000001Z" })
        let configuration = try ClientConfiguration(baseURL: "https://sim.invalid", credentials: credentials, timeout: timeout, userAgent: "webnic-rpc/test")
        client = WebNICClient(configuration: configuration, transport: SimulatorTransport(simulator: simulator), logger: .disabled)
    }

    /// The paths the simulator received, in order.
    var paths: [String] { simulator.receivedRequests.compactMap { $0["path"]?.stringValue } }
}

@Suite("WebNICClient")
struct WebNICClientTests {
    static let contact: [ContactField: JSONValue] = [
        .company: "O'Brien & Sons", .firstName: "Seán", .lastName: "O'Brien", .address1: "1 Main St", .address2: .null,
        .city: "Dublin", .countryCode: "IE", .phoneNumber: "+353.12345678", .email: "sean@obrien.example",
    ]

    @Test("reads organization 5 as WebNIC's own example shows it, entities decoded")
    func getOrganization() async throws {
        let harness = try ClientHarness()
        let reply = try await harness.client.getOrganization(id: 5)
        #expect(reply.attempts == 1)
        #expect(reply.value == OrganizationRecord(
            organizationId: 5,
            contact: OrganizationContact(values: [
                .company: "Nelson Solutions", .firstName: "First Name Here's", .lastName: "LastN",
                .address1: "L4-E-2, HIVE 5, Mranti 2", .city: "Bukit Jalil 2", .state: "Selangor 2", .countryCode: "SG",
                .zip: "571001", .phoneNumber: "+022.6506503", .email: "wj@webnic.cc", .jobTitle: "guru",
            ]),
            technicalContactId: "SSL10619T", digicertOrganizationId: "2075297", resid: 2740,
            createdAt: "2025-01-02T04:10:05Z", modifiedAt: "2025-01-13T12:52:01.973992Z"
        ))
        #expect(harness.paths == ["/reseller/v2/api-user/token", "/ssl/v2/organization/5"])
        let sent = harness.simulator.receivedRequests
        #expect(sent[0]["body"] == ["username": "sandbox", "password": "<redacted>"])
        #expect(sent[1]["authorization"] == "Bearer <redacted>")
        #expect(sent[1]["userAgent"] == "webnic-rpc/test")
    }

    @Test("updates send WebNIC's body and return the stored organization")
    func update() async throws {
        let harness = try ClientHarness()
        let update = ContactUpdate(organizationId: 6, organization: Self.contact, technicalContactId: "SSL10619T")
        let reply = try await harness.client.updateOrganizationContact(update)
        #expect(reply.value.contact[.company] == "O'Brien & Sons")
        #expect(reply.value.contact[.firstName] == "Seán")
        #expect(reply.value.contact[.address2] == nil)
        #expect(reply.value.technicalContactId == "SSL10619T")
        #expect(reply.value.modifiedAt == "2026-11-30T12:00:00.000001Z")
        let put = try #require(harness.simulator.receivedRequests.last)
        #expect(put["method"] == "PUT")
        #expect(put["path"] == "/ssl/v2/organization/6/contact/update")
        #expect(put["contentType"] == "application/json")
        #expect(put["body"] == [
            "organization": [
                "company": "O'Brien & Sons", "firstName": "Seán", "lastName": "O'Brien", "address1": "1 Main St", "address2": nil,
                "city": "Dublin", "countryCode": "IE", "phoneNumber": "+353.12345678", "email": "sean@obrien.example",
            ],
            "technicalContactId": "SSL10619T",
        ])
        #expect(harness.simulator.organization(6)?.details["company"] == "O'Brien & Sons")
    }

    @Test("many concurrent calls share one token mint")
    func oneMint() async throws {
        let harness = try ClientHarness()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<50 { group.addTask { _ = try await harness.client.getOrganization(id: 5) } }
            try await group.waitForAll()
        }
        #expect(harness.simulator.tokenMints == 1)
    }

    @Test("a 401 on a cached token gets one fresh token and one replay")
    func expiredToken() async throws {
        let harness = try ClientHarness()
        _ = try await harness.client.getOrganization(id: 5)
        harness.simulator.inject(Fault(route: "getOrganization", kind: .expiredToken))
        let reply = try await harness.client.getOrganization(id: 6)
        #expect(reply.attempts == 2)
        #expect(harness.simulator.tokenMints == 2)
        #expect(harness.paths == [
            "/reseller/v2/api-user/token", "/ssl/v2/organization/5", "/ssl/v2/organization/6",
            "/reseller/v2/api-user/token", "/ssl/v2/organization/6",
        ])
    }

    @Test("a 401 that persists after a fresh token is unauthorized, after exactly two attempts")
    func persistentUnauthorized() async throws {
        let harness = try ClientHarness()
        harness.simulator.inject(Fault(route: "getOrganization", kind: .expiredToken, count: 5))
        await #expect(throws: WebNICError(
            kind: .unauthorized, message: "WebNIC refused the token: Invalid or expired token. Reason: Provided token isn't active.",
            httpStatus: 401, envelope: Envelope(body: Array(#"{"code":"2400","message":"Invalid or expired token. Reason: Provided token isn't active","error":{"subCode":"RES2401","message":"Invalid or expired token. Reason: Provided token isn't active"}}"#.utf8)),
            attempts: 2
        )) { try await harness.client.getOrganization(id: 5) }
        #expect(harness.simulator.tokenMints == 2)
    }

    @Test("wrong credentials are unauthorized with WebNIC's RES5001")
    func wrongCredentials() async throws {
        let harness = try ClientHarness(credentials: .password(username: "sandbox", password: "wrong"))
        do {
            _ = try await harness.client.getOrganization(id: 5)
            Issue.record("expected failure")
        } catch {
            #expect(error.kind == .unauthorized)
            #expect(error.httpStatus == 500)
            #expect(error.envelope?.subCode == "RES5001")
            #expect(error.message == "WebNIC refused the API user or password: Invalid username.")
        }
    }

    @Test("a fixed token is sent as is and not renewed")
    func fixedToken() async throws {
        let harness = try ClientHarness(credentials: .token("not-a-sim-token"))
        do {
            _ = try await harness.client.getOrganization(id: 5)
            Issue.record("expected failure")
        } catch {
            #expect(error.kind == .unauthorized)
            #expect(error.attempts == 1)
        }
        #expect(harness.paths == ["/ssl/v2/organization/5"])
    }

    @Test("no credentials: a configuration error before any request")
    func noCredentials() async throws {
        let harness = try ClientHarness(credentials: nil)
        await #expect(throws: WebNICError(
            kind: .configuration,
            message: "No WebNIC credentials are configured: set WEBNIC_USERNAME and WEBNIC_PASSWORD (or WEBNIC_PASSWORD_FILE), or WEBNIC_TOKEN (or WEBNIC_TOKEN_FILE)."
        )) { try await harness.client.getOrganization(id: 5) }
        #expect(harness.paths == [])
    }

    @Test("an answer later than the timeout is a timeout")
    func timeout() async throws {
        let harness = try ClientHarness(timeout: .milliseconds(200))
        harness.simulator.inject(Fault(route: "getOrganization", kind: .delay, delayMilliseconds: 2000))
        let start = ContinuousClock.now
        do {
            _ = try await harness.client.getOrganization(id: 5)
            Issue.record("expected failure")
        } catch {
            #expect(error.kind == .timeout)
        }
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test("a success whose data is not shaped as documented is a bad upstream response")
    func badShape() async throws {
        let harness = try ClientHarness()
        let update = ContactUpdate(organizationId: 5, organization: Self.contact, technicalContactId: nil)
        harness.simulator.inject(Fault(route: "updateOrganizationContact", kind: .notJSON))
        do {
            _ = try await harness.client.updateOrganizationContact(update)
            Issue.record("expected failure")
        } catch {
            #expect(error.kind == .badResponse)
            #expect(error.bodyExcerpt == "<html><body>OK</body></html>")
        }
    }

    @Test("the dry-run preview is the request without credentials")
    func preview() throws {
        let harness = try ClientHarness()
        let preview = harness.client.preview(ContactUpdate(organizationId: 9, organization: [.company: "X"], technicalContactId: nil))
        #expect(preview.method == "PUT")
        #expect(preview.url == "https://sim.invalid/ssl/v2/organization/9/contact/update")
        #expect(preview.body == ["organization": ["company": "X"]])
    }
}
