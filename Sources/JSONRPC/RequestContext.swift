import JSONCore

/// What a handler knows of the request it is answering beyond the request itself, and the way
/// to tell the peer something before the answer.
///
/// Notifications sent through `notify` go out at once, so every one of them precedes the
/// response of the request they belong to.
public struct RequestContext: Sendable {
    /// The id of the request, `nil` for a notification.
    public let id: RequestID?
    private let sink: @Sendable (Request) -> Void

    /// A context whose notifications go to `sink`.
    public init(id: RequestID?, notificationSink sink: @escaping @Sendable (Request) -> Void) {
        self.id = id
        self.sink = sink
    }

    /// Sends the notification `method` with `params` to the peer.
    public func notify(_ method: String, params: JSONValue? = nil) {
        sink(Request(id: nil, method: method, params: params))
    }
}
