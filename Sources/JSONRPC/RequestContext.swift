import JSONCore

/// What a handler knows of the request it is answering beyond the request itself, and the way
/// to tell the peer something before the answer.
///
/// Notifications sent through `notify` go out at once, so every one of them precedes the
/// response of the request they belong to.
package struct RequestContext: Sendable {
    /// The id of the request, `nil` for a notification.
    package let id: RequestID?
    private let sink: @Sendable (Request) -> Void
    private let peer: PeerRequests?

    /// A context whose notifications go to `sink` and whose requests to the peer go through `peer`.
    package init(id: RequestID?, peer: PeerRequests? = nil, notificationSink sink: @escaping @Sendable (Request) -> Void) {
        self.id = id
        self.peer = peer
        self.sink = sink
    }

    /// Sends the request `method` to the peer and waits, suspended, for its answer (see
    /// `PeerRequests.ask`); `-32601` when this connection cannot send requests to its peer.
    package func ask(_ method: String, params: JSONValue?) async -> (id: RequestID?, outcome: Result<JSONValue, ResponseError>) {
        guard let peer else { return (nil, .failure(.methodNotFound(method))) }
        return await peer.ask(method, params: params)
    }

    /// Sends the notification `method` with `params` to the peer.
    package func notify(_ method: String, params: JSONValue? = nil) {
        sink(Request(id: nil, method: method, params: params))
    }
}
