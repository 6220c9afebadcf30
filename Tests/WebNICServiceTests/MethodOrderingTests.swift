import JSONCore
import JSONRPC
import Testing
import WebNIC
@testable import WebNICService
import WebNICSimulator

@Suite("WebNICMethods: the method list and how each call is ordered")
struct MethodOrderingTests {
    static func methods(readOnly: Bool = false) throws -> WebNICMethods {
        let client = WebNICClient(
            configuration: try ClientConfiguration(baseURL: "https://oteapi.webnic.cc", credentials: nil, timeout: .seconds(1), userAgent: "t"),
            transport: SimulatorTransport(simulator: WebNICSimulator()), logger: .disabled
        )
        return WebNICMethods(client: client, policy: WritePolicy(readOnly: readOnly), logger: .disabled)
    }

    static func request(_ method: String, _ params: JSONValue?) -> Request {
        Request(id: .number(JSONNumber(integer: 1)), method: method, params: params)
    }

    @Test("the methods served are the names listed, in order")
    func names() throws {
        #expect(try Self.methods().methods.map { type(of: $0).name } == WebNICMethods.methodNames)
    }

    @Test("reads and dry runs that read are reads of their organization; writes are writes; the rest, invalid params included, is independent", arguments: [
        ("getOrganization", ["organizationId": 5], RequestOrdering.reads("organization/5")),
        ("getOrganization", ["organizationId": "5"], .independent),
        ("updateOrganizationContact", ["organizationId": 6, "organization": organization()], .writes("organization/6")),
        ("updateOrganizationContact", ["organizationId": 6, "organization": organization(), "dryRun": true], .independent),
        ("updateOrganizationContact", [
            "organizationId": 6, "organization": organization(), "dryRun": true, "expectedModifiedAt": "2025-01-13T12:52:01Z",
        ], .reads("organization/6")),
        ("updateOrganizationContact", ["organizationId": 6, "organization": [:]], .independent),
        ("getOrganization", ["organizationId": 5, "organisationId": 5], .independent),
        ("patchOrganizationContact", ["organizationId": 7, "changes": [:]], .writes("organization/7")),
        ("patchOrganizationContact", ["organizationId": 7, "changes": [:], "dryRun": true], .reads("organization/7")),
        ("patchOrganizationContact", ["changes": [:]], .independent),
        ("rpc.discover", nil, .independent),
        ("noSuchMethod", ["organizationId": 5], .independent),
    ] as [(String, JSONValue?, RequestOrdering)])
    func ordering(method: String, params: JSONValue?, expected: RequestOrdering) throws {
        #expect(try Self.methods().ordering(of: Self.request(method, params)) == expected)
    }

    @Test("read-only, a write is refused at once, so it waits for nothing")
    func readOnly() throws {
        let methods = try Self.methods(readOnly: true)
        #expect(methods.ordering(of: Self.request("patchOrganizationContact", ["organizationId": 7, "changes": [:]])) == .independent)
        #expect(methods.ordering(of: Self.request("patchOrganizationContact", ["organizationId": 7, "changes": [:], "dryRun": true])) == .reads("organization/7"))
    }

    @Test("a request cancelled before it started is answered -32800 without touching WebNIC")
    func cancelledBeforeStart() async throws {
        let methods = try Self.methods()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await methods.handle(Self.request("getOrganization", ["organizationId": 5]), context: RequestContext(id: .string("1")) { _ in })
        }
        guard case .failure(let error) = await task.value else { Issue.record("not cancelled"); return }
        #expect(error.code == .requestCancelled)
        #expect(error.data?["category"] == "cancelled")
    }
}
