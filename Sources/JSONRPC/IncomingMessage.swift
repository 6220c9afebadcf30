import JSONCore

/// One line of input, classified as the JSON-RPC 2.0 specification requires.
package enum IncomingMessage: Sendable {
    /// One request, notification, or invalid entry.
    case single(Entry)
    /// A non-empty batch of entries, at most the batch limit.
    case batch([Entry])
    /// A line that gets exactly one error response with id null (not JSON, an empty batch, a batch over the limit).
    case rejected(ResponseError)
    /// A response of the peer to a request this side sent (`PeerRequests`): an object with a
    /// string or integer `id`, `result` or `error`, and no `method`. When no request of ours has
    /// that id, it is `unmatched`: an invalid request as the specification has it.
    case response(RequestID, Result<JSONValue, ResponseError>, unmatched: Entry)

    /// One member of a line or batch.
    package enum Entry: Sendable {
        /// A well-formed request or notification.
        case request(Request)
        /// Not a valid request: answered with this error and id.
        case invalid(RequestID, ResponseError)
        /// An invalid notification: never answered.
        case ignored
    }

    /// Classifies one line of UTF-8 input.
    ///
    /// A key written twice in one object makes that request invalid, but it is still answered with
    /// its id when the id itself is not the key written twice.
    package init(line: [UInt8], maxBatch: Int) {
        let value: JSONValue
        var duplicates: [JSONPath] = []
        do {
            value = try JSONParser.parse(line)
        } catch {
            guard error.duplicateKey != nil, let lenient = try? JSONParser.parseReportingDuplicates(line) else {
                self = .rejected(.parseError(error.description))
                return
            }
            (value, duplicates) = lenient
        }
        guard case .array(let elements) = value else {
            let entry = Self.entry(value, duplicates: duplicates)
            if duplicates.isEmpty, let (id, outcome) = Self.response(value) {
                self = .response(id, outcome, unmatched: entry)
            } else {
                self = .single(entry)
            }
            return
        }
        if elements.isEmpty {
            self = .rejected(.invalidRequest("an empty batch"))
        } else if elements.count > maxBatch {
            self = .rejected(.invalidRequest("a batch of \(elements.count) messages is over the limit of \(maxBatch)"))
        } else {
            self = .batch(elements.enumerated().map { index, element in
                let inside = duplicates.compactMap { path -> JSONPath? in
                    guard path.components.first == .index(index) else { return nil }
                    return JSONPath(Array(path.components.dropFirst()))
                }
                return Self.entry(element, duplicates: inside)
            })
        }
    }

    /// The id and outcome of `value` when it is a response: `jsonrpc` "2.0", a string or integer
    /// `id`, no `method`, and either `result` or a well-formed `error`.
    static func response(_ value: JSONValue) -> (RequestID, Result<JSONValue, ResponseError>)? {
        guard let object = value.objectValue, object["method"] == nil, object["jsonrpc"] == .string("2.0"),
              let idValue = object["id"], let id = RequestID(json: idValue), id != .null
        else { return nil }
        switch (object["result"], object["error"]) {
        case (let result?, nil): return (id, .success(result))
        case (nil, let error?): return ResponseError(json: error).map { (id, .failure($0)) }
        default: return nil
        }
    }

    /// The members of a request object; any other top-level member is accepted and ignored.
    static let members = ["jsonrpc", "id", "method", "params"]

    /// Classifies one message object, in which the keys at `duplicates` were written twice.
    ///
    /// An object with a string `method` and no `id` member is a notification: it is never
    /// answered, even when the rest of it is invalid. Anything else is a request and is
    /// answered; an invalid one echoes its id when the id itself is valid (and not written twice),
    /// else `null`. Members other than the four of JSON-RPC are ignored (hosts add their own).
    static func entry(_ value: JSONValue, duplicates: [JSONPath] = []) -> Entry {
        guard let object = value.objectValue else {
            return .invalid(.null, .invalidRequest("expected a request object, got \(value.kindDescription)"))
        }
        let isNotification = object["id"] == nil && object["method"]?.stringValue != nil
        if duplicates.contains(JSONPath([.key("id")])) {
            return .invalid(.null, .invalidRequest("the key \"id\" is written twice"))
        }
        let id: RequestID
        if let idValue = object["id"] {
            guard let parsed = RequestID(json: idValue) else {
                return .invalid(.null, .invalidRequest("`id` must be a string, an integer or null"))
            }
            id = parsed
        } else {
            id = .null
        }
        func invalid(_ detail: String) -> Entry {
            isNotification ? .ignored : .invalid(id, .invalidRequest(detail))
        }
        if let duplicate = duplicates.first {
            return invalid("the key \(JSONValue.string(duplicate.description).jsonText) is written twice")
        }
        guard object["jsonrpc"] == .string("2.0") else { return invalid("`jsonrpc` must be \"2.0\"") }
        guard let method = object["method"]?.stringValue else { return invalid("`method` must be a string") }
        let params = object["params"]
        switch params {
        case nil, .object?, .array?: break
        default: return invalid("`params` must be an object or an array")
        }
        let ignored = object.keys.filter { !Self.members.contains($0) }
        return .request(Request(id: isNotification ? nil : id, method: method, params: params, ignoredMembers: ignored))
    }
}
