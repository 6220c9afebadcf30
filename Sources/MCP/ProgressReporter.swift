import JSONCore
import JSONRPC

/// Sends `notifications/progress` for one request that carried a progress token.
package struct ProgressReporter: Sendable {
    /// The notification's method.
    package static let method = "notifications/progress"

    private let token: JSONValue
    private let context: RequestContext

    /// A reporter for `token`, sending through `context`.
    init(token: JSONValue, context: RequestContext) {
        self.token = token
        self.context = context
    }

    /// Reports `progress` (which must grow from one report to the next) with a message.
    package func report(_ progress: Int, message: String) {
        context.notify(Self.method, params: [
            "progressToken": token, "progress": .integer(Int64(progress)), "message": .string(message),
        ])
    }
}
