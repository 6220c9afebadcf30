import JSONCore
import JSONRPC

/// `rpc.discover`: the OpenRPC document, naming the path of Get Organization Info in use. It takes
/// no params, and refuses unknown ones as every method does.
struct DiscoverMethod: WebNICMethod {
    /// None.
    typealias Params = Void

    static let name = "rpc.discover"

    let document: JSONValue

    static func decode(_ params: JSONValue?) throws(ResponseError) {
        try ParameterValidator.discover(params)
    }

    func ordering(of params: Void) -> RequestOrdering { .independent }

    func run(_ params: Void, call: MethodCall, report: inout CallReport) async throws(ResponseError) -> MethodOutcome {
        .document(document)
    }
}
