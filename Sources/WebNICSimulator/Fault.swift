import JSONCore
import WebNIC

/// A failure the simulator plays instead of its normal answer, for the next `count` matching requests.
package struct Fault: Sendable, Equatable {
    /// What goes wrong.
    package enum Kind: String, Sendable, CaseIterable {
        /// HTTP 500 with WebNIC's envelope (`…5000`).
        case http500
        /// HTTP 502 with a proxy's HTML page.
        case http502
        /// HTTP 503 with a proxy's HTML page.
        case http503
        /// HTTP 504 with a proxy's HTML page.
        case http504
        /// HTTP 429, with `Retry-After` when `retryAfter` is set.
        case http429
        /// HTTP 403: the source IP is not on the allow list (`RES0004`).
        case http403
        /// HTTP 400 with `DOM0004` "Forbidden access with current ip address", as WebNIC's own code table lists it.
        case forbidden400
        /// HTTP 500 with `…5000` "Object does not exist": not found, as WebNIC says it for some objects.
        case notFound500
        /// HTTP 207 with code `3000`: the request was done only in part.
        case partial207
        /// HTTP 200 with code `1000` and no `data`.
        case noData
        /// HTTP 400 with an HTML page echoing the request: its `Authorization` header and its body,
        /// as sent, URL-encoded and JSON-escaped in ASCII, as a careless server or proxy might.
        case echo
        /// HTTP 400 with WebNIC's envelope whose message echoes the request the same way.
        case echoEnvelope
        /// A token answer whose token holds a line break and a header after it.
        case headerInToken
        /// HTTP 400 with `fieldErrors` (`…4000`).
        case validation
        /// HTTP 200 whose body is not JSON.
        case notJSON
        /// HTTP 200 whose envelope's code is not `"1000"`.
        case badCode
        /// Every token is revoked before the request is checked, so it gets WebNIC's 401.
        case expiredToken
        /// HTTP 302 to another host, which a client must not follow.
        case redirect
        /// The answer comes after `delayMilliseconds`.
        case delay
        /// The request is handled (a write applied) only after `delayMilliseconds`: a write that
        /// lands late, over HTTP only.
        case delayBefore
        /// The connection is closed without an answer (over HTTP only; in-process: a network error).
        case reset
        /// The headers promise more body than is sent, then the connection closes (over HTTP only).
        case truncate
        /// A body of `bytes` (default 100 MB), its length declared, streamed (over HTTP only).
        case oversized
        /// The same, chunked: no length declared (over HTTP only).
        case oversizedChunked
    }

    /// Which requests the fault applies to: a route name (`token`, `getOrganization`,
    /// `updateOrganizationContact`) or `any`.
    package var route: String
    /// What goes wrong.
    package var kind: Kind
    /// How many requests it applies to.
    package var count: Int
    /// `Retry-After` seconds for `http429`.
    package var retryAfter: Int?
    /// The delay for `delay`.
    package var delayMilliseconds: Int
    /// The body's size for `oversized` and `oversizedChunked`.
    package var bytes: Int = 100_000_000

    /// A fault of `kind` on `route`, for the next `count` requests there.
    package init(route: String, kind: Kind, count: Int = 1, retryAfter: Int? = nil, delayMilliseconds: Int = 0) {
        self.route = route
        self.kind = kind
        self.count = count
        self.retryAfter = retryAfter
        self.delayMilliseconds = delayMilliseconds
    }

    /// A fault from the control API's JSON: `{"route": …, "fault": …, "count": …, "retryAfter": …, "delayMs": …}`.
    package init?(json: JSONValue) {
        guard let object = json.objectValue, let name = object["fault"]?.stringValue, let kind = Kind(rawValue: name) else {
            return nil
        }
        let route = object["route"]?.stringValue ?? "any"
        guard route == "any" || Route(rawValue: route) != nil else { return nil }
        let count = object["count"]?.numberValue?.int64Value.flatMap { Int(exactly: $0) } ?? 1
        let retryAfter = object["retryAfter"]?.numberValue?.int64Value.flatMap { Int(exactly: $0) }
        let delay = object["delayMs"]?.numberValue?.int64Value.flatMap { Int(exactly: $0) } ?? 0
        self.init(route: route, kind: kind, count: max(1, count), retryAfter: retryAfter, delayMilliseconds: max(0, delay))
        if let bytes = object["bytes"]?.numberValue?.int64Value.flatMap({ Int(exactly: $0) }), bytes > 0 { self.bytes = bytes }
    }
}
