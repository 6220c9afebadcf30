/// Every WebNIC endpoint the client calls: method, default path and whether it is documented.
///
/// The one place where paths are written. `isDocumented` is false for a route that WebNIC's public
/// documentation does not give; correct it here after a call to OTE. Until then a user can replace
/// that path at run time (`RouteTable`, `--get-organization-path`).
package enum Route: String, Sendable, CaseIterable {
    /// `POST /reseller/v2/api-user/token`: exchange the API user and secret for a token (documented).
    case token
    /// `GET /ssl/v2/organization/{organizationId}`: read one organization (**assumed** path).
    case getOrganization
    /// `PUT /ssl/v2/organization/{organizationId}/contact/update`: replace its contact (documented).
    case updateOrganizationContact

    /// The HTTP method.
    package var method: String {
        switch self {
        case .token: return "POST"
        case .getOrganization: return "GET"
        case .updateOrganizationContact: return "PUT"
        }
    }

    /// The default path template; `RouteTable` fills in `{organizationId}`.
    package var template: String {
        switch self {
        case .token: return "/reseller/v2/api-user/token"
        case .getOrganization: return "/ssl/v2/organization/{organizationId}"
        case .updateOrganizationContact: return "/ssl/v2/organization/{organizationId}/contact/update"
        }
    }

    /// Whether WebNIC's documentation gives this route; `false` means it is our assumption.
    package var isDocumented: Bool { self != .getOrganization }
}
