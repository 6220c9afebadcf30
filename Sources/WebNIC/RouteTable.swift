/// The path of every route: `Route`'s defaults, with Get Organization Info's replaceable at run
/// time, since its path is an assumption a user may have to correct without rebuilding.
///
/// A template holds `{organizationId}` once, in a path segment or as a query value, for example
/// `/ssl/v2/organization/info?organizationId={organizationId}`.
package struct RouteTable: Sendable, Equatable {
    /// The placeholder a template holds.
    package static let placeholder = "{organizationId}"

    /// The other paths Get Organization Info may have, in the order a diagnosis tries them after the
    /// default (from `shared/webnic-api.md`: Get Order Info takes its id as a query parameter).
    package static let getOrganizationCandidates = [
        "/ssl/v2/organization/info?organizationId={organizationId}",
        "/ssl/v2/organization/{organizationId}/info",
        "/ssl/v2/organization/info/{organizationId}",
    ]

    /// A path template, taken apart once: to fill in an id, and to match a request against it.
    private struct Template: Sendable, Equatable {
        let text: String
        /// Whether it holds the placeholder; the text before and after it.
        let hasPlaceholder: Bool
        let prefix: String
        let suffix: String
        /// The path's segments and the query's members (sorted), as bytes.
        let segments: [ArraySlice<UInt8>]
        let queryMembers: [ArraySlice<UInt8>]

        init(_ text: String) {
            self.text = text
            let placeholder = text.firstRange(of: RouteTable.placeholder)
            hasPlaceholder = placeholder != nil
            prefix = placeholder.map { String(text[..<$0.lowerBound]) } ?? text
            suffix = placeholder.map { String(text[$0.upperBound...]) } ?? ""
            (segments, queryMembers) = RouteTable.parts(text)
        }
    }

    /// Get Organization Info's template; every other route is at its default path.
    private let getOrganization: Template
    private let overridden: Bool
    /// The other routes' templates, taken apart once.
    private let token = Template(Route.token.template), update = Template(Route.updateOrganizationContact.template)

    /// Every route at its default path.
    package init() {
        getOrganization = Template(Route.getOrganization.template)
        overridden = false
    }

    /// The defaults, with Get Organization Info at `getOrganizationPath` when given: a template
    /// that starts with `/` and holds `{organizationId}` once.
    package init(getOrganizationPath: String?) throws(ConfigurationError) {
        if let template = getOrganizationPath { try Self.validate(template) }
        getOrganization = Template(getOrganizationPath ?? Route.getOrganization.template)
        overridden = getOrganizationPath != nil
    }

    private func entry(_ route: Route) -> Template {
        switch route {
        case .token: return token
        case .getOrganization: return getOrganization
        case .updateOrganizationContact: return update
        }
    }

    /// The template of `route`.
    package func template(_ route: Route) -> String { entry(route).text }

    /// Whether `route`'s path was set at run time instead of taken from `Route`.
    package func isOverridden(_ route: Route) -> Bool {
        route == .getOrganization && overridden
    }

    /// The path (with its query, if the template has one) of `route` for `organizationId`.
    package func path(_ route: Route, organizationId: Int64? = nil) -> String {
        let template = entry(route)
        guard let organizationId, template.hasPlaceholder else { return template.text }
        return template.prefix + String(organizationId) + template.suffix
    }

    /// The route and organization id a request target (path, and query if any) matches.
    package func match(method: String, target: String) -> (route: Route, organizationId: Int64?)? {
        let (segments, members) = Self.parts(target)
        for route in Route.allCases where route.method == method {
            if let organizationId = Self.match(segments, members, entry(route)) { return (route, organizationId) }
        }
        return nil
    }

    /// Whether any route matches `target` with some method (so that a wrong method is told apart from a wrong path).
    package func matchesPath(_ target: String) -> Bool {
        let (segments, members) = Self.parts(target)
        return Route.allCases.contains { Self.match(segments, members, entry($0)) != nil }
    }

    /// The id a target's segments and query members match `template` with (`.some(nil)` when the
    /// template has no placeholder), or `nil` when they do not match.
    private static func match(_ segments: [ArraySlice<UInt8>], _ members: [ArraySlice<UInt8>], _ template: Template) -> Int64?? {
        guard segments.count == template.segments.count, members.count == template.queryMembers.count else { return nil }
        var organizationId: Int64?
        func bind(_ digits: ArraySlice<UInt8>) -> Bool {
            guard let id = Self.organizationId(digits) else { return false }
            organizationId = id
            return true
        }
        for (pattern, part) in zip(template.segments, segments) {
            if pattern.elementsEqual(placeholderBytes) {
                guard bind(part) else { return nil }
            } else if !pattern.elementsEqual(part) {
                return nil
            }
        }
        for (pattern, part) in zip(template.queryMembers, members) {
            guard let equals = pattern.firstIndex(of: UInt8(ascii: "=")), pattern[(equals + 1)...].elementsEqual(placeholderBytes) else {
                guard pattern.elementsEqual(part) else { return nil }
                continue
            }
            let name = pattern[...equals]
            guard part.starts(with: name), bind(part.dropFirst(name.count)) else { return nil }
        }
        return .some(organizationId)
    }

    private static let placeholderBytes = Array(placeholder.utf8)

    /// The id `text` spells as `String(id)` writes a positive `Int64`: digits only, no leading
    /// zero, no sign; `nil` for anything else.
    private static func organizationId(_ digits: ArraySlice<UInt8>) -> Int64? {
        guard let first = digits.first, first != UInt8(ascii: "0") else { return nil }
        var value: Int64 = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            let (shifted, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (sum, carried) = shifted.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !overflowed, !carried else { return nil }
            value = sum
        }
        return value
    }

    /// A target's path segments (empty ones kept) and its query's members (empty ones dropped,
    /// sorted by their bytes), split and compared on bytes, as a URL's are.
    private static func parts(_ target: String) -> (segments: [ArraySlice<UInt8>], queryMembers: [ArraySlice<UInt8>]) {
        let bytes = Array(target.utf8)
        guard let mark = bytes.firstIndex(of: UInt8(ascii: "?")) else { return (bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false), []) }
        let members = bytes[(mark + 1)...].split(separator: UInt8(ascii: "&")).sorted { $0.lexicographicallyPrecedes($1) }
        return (bytes[..<mark].split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false), members)
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
