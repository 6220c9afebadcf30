import JSONCore

/// The OpenRPC document of webnic-rpc, embedded in the binary from `schema/openrpc.json`.
///
/// The file is the one source of the contract: `rpc.discover` returns it, the version printed by
/// `--version` is its `info.version`, and the country codes accepted are its `CountryCode` enum.
/// It is parsed once, on first use.
public enum OpenRPCDocument {
    /// The document as JSON.
    public static let json: JSONValue = {
        do {
            return try JSONParser.parse(text)
        } catch {
            return .null
        }
    }()

    /// `info.version`: the version of webnic-rpc.
    public static var version: String {
        json["info"]?["version"]?.stringValue ?? "unknown"
    }

    /// The ISO 3166-1 alpha-2 codes of `components.schemas.CountryCode.enum`, upper case.
    public static let countryCodes: Set<String> = {
        let values = json["components"]?["schemas"]?["CountryCode"]?["enum"]?.arrayValue ?? []
        return Set(values.compactMap(\.stringValue))
    }()
}
