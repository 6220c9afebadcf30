/// Every WebNIC endpoint the client calls: method, path and whether it is documented.
///
/// The one place where paths are written. `assumed` marks a route that WebNIC's public
/// documentation does not give; correct it here after a call to OTE.
public enum Route: String, Sendable, CaseIterable {
    /// `POST /reseller/v2/api-user/token`: exchange the API user and secret for a token (documented).
    case token
    /// `GET /ssl/v2/organization/{organizationId}`: read one organization (**assumed** path).
    case getOrganization
    /// `PUT /ssl/v2/organization/{organizationId}/contact/update`: replace its contact (documented).
    case updateOrganizationContact

    /// The HTTP method.
    public var method: String {
        switch self {
        case .token: return "POST"
        case .getOrganization: return "GET"
        case .updateOrganizationContact: return "PUT"
        }
    }

    /// The path template; `{organizationId}` is filled in by `path(organizationId:)`.
    public var template: String {
        switch self {
        case .token: return "/reseller/v2/api-user/token"
        case .getOrganization: return "/ssl/v2/organization/{organizationId}"
        case .updateOrganizationContact: return "/ssl/v2/organization/{organizationId}/contact/update"
        }
    }

    /// Whether WebNIC's documentation gives this route; `false` means it is our assumption.
    public var isDocumented: Bool { self != .getOrganization }

    /// Whether repeating the call has the same effect as making it once.
    public var isIdempotent: Bool { true }

    /// The path with the organization id filled in.
    public func path(organizationId: Int64? = nil) -> String {
        guard let organizationId else { return template }
        return template.replacing("{organizationId}", with: String(organizationId))
    }

    /// The route and organization id a request path matches, if any (used by the simulator).
    public static func match(method: String, path: String) -> (route: Route, organizationId: Int64?)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for route in allCases where route.method == method {
            let template = route.template.split(separator: "/", omittingEmptySubsequences: false)
            guard template.count == parts.count else { continue }
            var organizationId: Int64?
            var matches = true
            for (pattern, part) in zip(template, parts) {
                if pattern == "{organizationId}" {
                    guard let id = Int64(part), id > 0, String(id) == part else { matches = false; break }
                    organizationId = id
                } else if pattern != part {
                    matches = false
                    break
                }
            }
            if matches { return (route, organizationId) }
        }
        return nil
    }
}
