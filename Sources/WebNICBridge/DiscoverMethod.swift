import JSONCore
import JSONRPC

/// `rpc.discover`: the OpenRPC document.
struct DiscoverMethod: WebNICMethod {
    static let name = "rpc.discover"

    func ordering(of params: JSONValue?) -> RequestOrdering { .independent }

    func run(_ params: JSONValue?, call: MethodCall, report: inout CallReport) async -> Result<JSONValue, ResponseError> {
        .success(OpenRPCDocument.json)
    }
}
