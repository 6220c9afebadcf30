import JSONCore
import WebNIC

/// The OpenRPC document of webnic-rpc, embedded in the binary from `schema/openrpc.json`.
///
/// The file is the one source of the contract: `rpc.discover` returns it, the version printed by
/// `--version` is its `info.version`, and the country codes accepted are its `CountryCode` enum.
/// It is parsed once, on first use.
package enum OpenRPCDocument {
    /// The document as JSON.
    package static let json: JSONValue = {
        do {
            return try JSONParser.parse(text)
        } catch {
            return .null
        }
    }()

    /// The document as `rpc.discover` returns it: `json`, with the description of
    /// `getOrganization` naming the path in use when `routes` sets one at run time, and `info`'s
    /// description ending with the `limits` in force, when there are any.
    package static func json(routes: RouteTable, limits: String? = nil) -> JSONValue {
        guard case .object(var document) = json else { return json }
        if let limits, case .object(var info)? = document["info"], let description = info["description"]?.stringValue {
            info["description"] = .string(description + "\n\nLimits in force in this process: \(limits).")
            document["info"] = .object(info)
        }
        guard routes.isOverridden(.getOrganization),
              var methods = document["methods"]?.arrayValue,
              let index = methods.firstIndex(where: { $0["name"] == "getOrganization" }), case .object(var method) = methods[index],
              let description = method["description"]?.stringValue
        else { return .object(document) }
        let standard = Route.getOrganization.template
        method["description"] = .string(description.replacing(
            assumedPathPhrase,
            with: "`GET \(routes.template(.getOrganization))`, the path set at start with --get-organization-path in place of the assumed `\(standard)`"
        ))
        methods[index] = .object(method)
        document["methods"] = .array(methods)
        return .object(document)
    }

    /// How the document names Get Organization Info's default path.
    static let assumedPathPhrase = "`GET \(Route.getOrganization.template)`, an assumed path"

    /// `info.version`: the version of webnic-rpc.
    package static var version: String {
        json["info"]?["version"]?.stringValue ?? "unknown"
    }

    /// The ISO 3166-1 alpha-2 codes of `components.schemas.CountryCode.enum`, upper case.
    package static let countryCodes: Set<String> = {
        let values = json["components"]?["schemas"]?["CountryCode"]?["enum"]?.arrayValue ?? []
        return Set(values.compactMap(\.stringValue))
    }()
}
