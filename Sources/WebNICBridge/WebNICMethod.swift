import JSONCore
import JSONRPC
import WebNIC

/// One JSON-RPC method of webnic-rpc.
protocol WebNICMethod: Sendable {
    /// The method's name.
    static var name: String { get }

    /// How a call with `params` is ordered against the calls around it: a read or a write of its
    /// organization, or independent (a call that will not reach WebNIC, or invalid params).
    func ordering(of params: JSONValue?) -> RequestOrdering

    /// Runs one call; fills in `report` for the call's log line.
    func run(_ params: JSONValue?, call: MethodCall, report: inout CallReport) async -> Result<JSONValue, ResponseError>
}

extension WebNICMethod {
    /// The key calls on organization `id` are ordered by.
    static func orderingKey(_ id: Int64) -> String { "organization/\(id)" }

}

/// What a method call knows beyond its params.
struct MethodCall: Sendable {
    /// The request's id, `nil` for a notification.
    let requestID: RequestID?
    /// Told of each HTTP attempt made to WebNIC.
    let onAttempt: AttemptObserver?
}

/// What one call did, for its log line.
struct CallReport {
    /// The organization the call was about, once known.
    var organizationId: Int64?
    /// HTTP attempts made.
    var attempts = 0
}
