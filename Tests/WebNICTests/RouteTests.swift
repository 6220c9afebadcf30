import Testing
import WebNIC

@Suite("Route and RouteTable")
struct RouteTests {
    @Test("the route table, with the one assumed path marked")
    func table() {
        #expect(Route.allCases.map { "\($0.method) \($0.template) \($0.isDocumented)" } == [
            "POST /reseller/v2/api-user/token true",
            "GET /ssl/v2/organization/{organizationId} false",
            "PUT /ssl/v2/organization/{organizationId}/contact/update true",
        ])
        #expect(RouteTable().path(.updateOrganizationContact, organizationId: 5) == "/ssl/v2/organization/5/contact/update")
        #expect(!RouteTable().isOverridden(.getOrganization))
    }

    @Test("matching a request target finds the route and the id", arguments: [
        ("GET", "/ssl/v2/organization/5", Route.getOrganization, Int64?(5)),
        ("GET", "/ssl/v2/organization/9223372036854775807", .getOrganization, .max),
        ("PUT", "/ssl/v2/organization/42/contact/update", .updateOrganizationContact, 42),
        ("POST", "/reseller/v2/api-user/token", .token, nil),
    ])
    func matches(method: String, target: String, route: Route, id: Int64?) {
        let match = RouteTable().match(method: method, target: target)
        #expect(match?.route == route)
        #expect(match?.organizationId == id)
    }

    @Test("no match for wrong methods, ids, paths or queries", arguments: [
        ("PUT", "/ssl/v2/organization/5"), ("GET", "/ssl/v2/organization/05"), ("GET", "/ssl/v2/organization/x"),
        ("GET", "/ssl/v2/organization/0"), ("GET", "/ssl/v2/organization/5/"), ("GET", "/ssl/v2/organization/5?x=1"),
        ("GET", "/ssl/v2/organization/+5"), ("GET", "/ssl/v2/organization/-5"), ("GET", "/ssl/v2/organization/"),
        ("GET", "/ssl/v2/organization/9223372036854775808"), ("GET", "/ssl/v2/organization/5x"),
    ])
    func noMatch(method: String, target: String) {
        #expect(RouteTable().match(method: method, target: target) == nil)
    }

    @Test("Get Organization Info at another path, its id in the query or in a segment; the other routes unchanged", arguments: [
        ("/ssl/v2/organization/info?organizationId={organizationId}", "/ssl/v2/organization/info?organizationId=5"),
        ("/ssl/v2/organization/{organizationId}/info", "/ssl/v2/organization/5/info"),
        ("/ssl/v2/organization/info?format=full&organizationId={organizationId}", "/ssl/v2/organization/info?format=full&organizationId=5"),
    ])
    func override(template: String, path: String) throws {
        let routes = try RouteTable(getOrganizationPath: template)
        #expect(routes.isOverridden(.getOrganization))
        #expect(routes.path(.getOrganization, organizationId: 5) == path)
        #expect(routes.match(method: "GET", target: path)?.route == .getOrganization)
        #expect(routes.match(method: "GET", target: path)?.organizationId == 5)
        #expect(routes.match(method: "GET", target: "/ssl/v2/organization/5") == nil)
        #expect(routes.path(.updateOrganizationContact, organizationId: 5) == "/ssl/v2/organization/5/contact/update")
    }

    @Test("a query's members may come in any order; a wrong value or a missing member is no match")
    func queryOrder() throws {
        let routes = try RouteTable(getOrganizationPath: "/o/info?a=1&organizationId={organizationId}")
        #expect(routes.match(method: "GET", target: "/o/info?organizationId=7&a=1")?.organizationId == 7)
        #expect(routes.match(method: "GET", target: "/o/info?organizationId=7&a=2") == nil)
        #expect(routes.match(method: "GET", target: "/o/info?organizationId=7") == nil)
        #expect(routes.match(method: "GET", target: "/o/info?organizationId=x&a=1") == nil)
    }

    @Test("a template must start with / and hold {organizationId} once", arguments: [
        ("ssl/v2/organization/{organizationId}", "The Get Organization Info path \"ssl/v2/organization/{organizationId}\" must start with /; for example /ssl/v2/organization/info?organizationId={organizationId}."),
        ("/ssl/v2/organization/info", "The Get Organization Info path \"/ssl/v2/organization/info\" must hold {organizationId} once; for example /ssl/v2/organization/info?organizationId={organizationId}."),
        ("/o/{organizationId}/{organizationId}", "The Get Organization Info path \"/o/{organizationId}/{organizationId}\" must hold {organizationId} once; for example /ssl/v2/organization/info?organizationId={organizationId}."),
        ("/o/{organizationId}#x", "The Get Organization Info path \"/o/{organizationId}#x\" must not hold spaces, control characters or #; for example /ssl/v2/organization/info?organizationId={organizationId}."),
    ])
    func invalid(template: String, message: String) {
        #expect(throws: ConfigurationError(message)) { try RouteTable(getOrganizationPath: template) }
    }

    @Test("the candidates a diagnosis tries are the shared notes' list after the default, each a valid template")
    func candidates() throws {
        #expect(RouteTable.getOrganizationCandidates == [
            "/ssl/v2/organization/info?organizationId={organizationId}", "/ssl/v2/organization/{organizationId}/info",
            "/ssl/v2/organization/info/{organizationId}",
        ])
        for candidate in RouteTable.getOrganizationCandidates { _ = try RouteTable(getOrganizationPath: candidate) }
    }
}

@Suite("ContactField")
struct ContactFieldTests {
    @Test("each field's position is its place in WebNIC's order")
    func positions() {
        #expect(ContactField.allCases.map(\.position) == Array(0..<13))
    }
}
