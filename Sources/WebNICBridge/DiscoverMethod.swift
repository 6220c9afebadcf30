import JSONCore
import JSONRPC

/// `rpc.discover`: the OpenRPC document, naming the path of Get Organization Info in use. It takes
/// no params, and refuses unknown ones as every method does.
struct DiscoverMethod: WebNICMethod {
    static let name = "rpc.discover"

    let document: JSONValue

    func ordering(of params: JSONValue?) -> RequestOrdering { .independent }

    func run(_ params: JSONValue?, call: MethodCall, report: inout CallReport) async throws(ResponseError) -> MethodOutcome {
        try ParameterValidator.discover(params).get()
        return .document(document)
    }
}
