/// The path of every route: `Route`'s defaults, with Get Organization Info's replaceable at run
/// time, since its path is an assumption a user may have to correct without rebuilding.
///
/// A template holds `{organizationId}` once, in a path segment or as a query value, for example
/// `/ssl/v2/organization/info?organizationId={organizationId}`.
public struct RouteTable: Sendable, Equatable {
    /// The placeholder a template holds.
    public static let placeholder = "{organizationId}"

    /// The other paths Get Organization Info may have, in the order a diagnosis tries them after the
    /// default (from `shared/webnic-api.md`: Get Order Info takes its id as a query parameter).
    public static let getOrganizationCandidates = [
        "/ssl/v2/organization/info?organizationId={organizationId}",
        "/ssl/v2/organization/{organizationId}/info",
        "/ssl/v2/organization/info/{organizationId}",
    ]

    private let getOrganizationTemplate: String?

    /// Every route at its default path.
    public init() {
        getOrganizationTemplate = nil
    }

    /// The defaults, with Get Organization Info at `getOrganizationPath` when given: a template
    /// that starts with `/` and holds `{organizationId}` once.
    public init(getOrganizationPath: String?) throws(ConfigurationError) {
        if let template = getOrganizationPath { try Self.validate(template) }
        getOrganizationTemplate = getOrganizationPath
    }

    /// The template of `route`.
    public func template(_ route: Route) -> String {
        route == .getOrganization ? getOrganizationTemplate ?? route.template : route.template
    }

    /// Whether `route`'s path was set at run time instead of taken from `Route`.
    public func isOverridden(_ route: Route) -> Bool {
        route == .getOrganization && getOrganizationTemplate != nil
    }

    /// The path (with its query, if the template has one) of `route` for `organizationId`.
    public func path(_ route: Route, organizationId: Int64? = nil) -> String {
        let template = template(route)
        guard let organizationId else { return template }
        return template.replacing(Self.placeholder, with: String(organizationId))
    }

    /// The route and organization id a request target (path, and query if any) matches.
    public func match(method: String, target: String) -> (route: Route, organizationId: Int64?)? {
        for route in Route.allCases where route.method == method {
            if let organizationId = Self.match(target: target, template: template(route)) { return (route, organizationId) }
        }
        return nil
    }

    /// Whether any route matches `target` with some method (so that a wrong method is told apart from a wrong path).
    public func matchesPath(_ target: String) -> Bool {
        Route.allCases.contains { Self.match(target: target, template: template($0)) != nil }
    }

    /// The id a target matches `template` with (`.some(nil)` when the template has no
    /// placeholder), or `nil` when it does not match.
    private static func match(target: String, template: String) -> Int64?? {
        let (targetPath, targetQuery) = split(target)
        let (templatePath, templateQuery) = split(template)
        var organizationId: Int64?
        func bind(_ text: Substring) -> Bool {
            guard let id = Int64(text), id > 0, String(id) == text else { return false }
            organizationId = id
            return true
        }
        let parts = targetPath.split(separator: "/", omittingEmptySubsequences: false)
        let patterns = templatePath.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == patterns.count else { return nil }
        for (pattern, part) in zip(patterns, parts) {
            if pattern == placeholder[...] {
                guard bind(part) else { return nil }
            } else if pattern != part {
                return nil
            }
        }
        let queryParts = (targetQuery ?? "").split(separator: "&").sorted()
        let queryPatterns = (templateQuery ?? "").split(separator: "&").sorted()
        guard queryParts.count == queryPatterns.count else { return nil }
        for (pattern, part) in zip(queryPatterns, queryParts) {
            guard let equals = pattern.firstIndex(of: "="), pattern[pattern.index(after: equals)...] == placeholder[...] else {
                guard pattern == part else { return nil }
                continue
            }
            let name = pattern[...equals]
            guard part.hasPrefix(name), bind(part.dropFirst(name.count)) else { return nil }
        }
        return .some(organizationId)
    }

    private static func split(_ target: String) -> (path: Substring, query: Substring?) {
        guard let mark = target.firstIndex(of: "?") else { return (target[...], nil) }
        return (target[..<mark], target[target.index(after: mark)...])
    }

    private static func validate(_ template: String) throws(ConfigurationError) {
        let example = "for example /ssl/v2/organization/info?organizationId=\(placeholder)"
        guard template.hasPrefix("/") else {
            throw ConfigurationError("The Get Organization Info path \(template.debugDescription) must start with /; \(example).")
        }
        guard template.ranges(of: placeholder).count == 1 else {
            throw ConfigurationError("The Get Organization Info path \(template.debugDescription) must hold \(placeholder) once; \(example).")
        }
        guard !template.contains(where: { $0.isWhitespace || $0 == "#" || $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }) else {
            throw ConfigurationError("The Get Organization Info path \(template.debugDescription) must not hold spaces, control characters or #; \(example).")
        }
    }
}
