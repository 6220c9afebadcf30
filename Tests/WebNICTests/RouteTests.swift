import Testing
import WebNIC

@Suite("Route")
struct RouteTests {
    @Test("the route table, with the one assumed path marked")
    func table() {
        #expect(Route.allCases.map { "\($0.method) \($0.template) \($0.isDocumented)" } == [
            "POST /reseller/v2/api-user/token true",
            "GET /ssl/v2/organization/{organizationId} false",
            "PUT /ssl/v2/organization/{organizationId}/contact/update true",
        ])
        #expect(Route.updateOrganizationContact.path(organizationId: 5) == "/ssl/v2/organization/5/contact/update")
    }

    @Test("matching a request path finds the route and the id", arguments: [
        ("GET", "/ssl/v2/organization/5", Route.getOrganization, Int64?(5)),
        ("PUT", "/ssl/v2/organization/42/contact/update", .updateOrganizationContact, 42),
        ("POST", "/reseller/v2/api-user/token", .token, nil),
    ])
    func matches(method: String, path: String, route: Route, id: Int64?) {
        let match = Route.match(method: method, path: path)
        #expect(match?.route == route)
        #expect(match?.organizationId == id)
    }

    @Test("no match for wrong methods, ids or paths", arguments: [
        ("PUT", "/ssl/v2/organization/5"), ("GET", "/ssl/v2/organization/05"), ("GET", "/ssl/v2/organization/x"),
        ("GET", "/ssl/v2/organization/0"), ("GET", "/ssl/v2/organization/5/"),
    ])
    func noMatch(method: String, path: String) {
        #expect(Route.match(method: method, path: path) == nil)
    }
}
