import JSONCore

/// One line of input, classified as the JSON-RPC 2.0 specification requires.
public enum IncomingMessage: Sendable {
    /// One request, notification, or invalid entry.
    case single(Entry)
    /// A non-empty batch of entries, at most the batch limit.
    case batch([Entry])
    /// A line that gets exactly one error response with id null (not JSON, an empty batch, a batch over the limit).
    case rejected(ResponseError)

    /// One member of a line or batch.
    public enum Entry: Sendable {
        /// A well-formed request or notification.
        case request(Request)
        /// Not a valid request: answered with this error and id.
        case invalid(RequestID, ResponseError)
        /// An invalid notification: never answered.
        case ignored
    }

    /// Classifies one line of UTF-8 input.
    public init(line: [UInt8], maxBatch: Int) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            self = .rejected(.parseError(error.description))
            return
        }
        guard case .array(let elements) = value else {
            self = .single(Self.entry(value))
            return
        }
        if elements.isEmpty {
            self = .rejected(.invalidRequest("an empty batch"))
        } else if elements.count > maxBatch {
            self = .rejected(.invalidRequest("a batch of \(elements.count) messages is over the limit of \(maxBatch)"))
        } else {
            self = .batch(elements.map(Self.entry))
        }
    }

    /// Classifies one message object.
    ///
    /// An object with a string `method` and no `id` member is a notification: it is never
    /// answered, even when the rest of it is invalid. Anything else is a request and is
    /// answered; an invalid one echoes its id when the id itself is valid, else `null`.
    static func entry(_ value: JSONValue) -> Entry {
        guard let object = value.objectValue else {
            return .invalid(.null, .invalidRequest("expected a request object, got \(value.kindDescription)"))
        }
        let isNotification = object["id"] == nil && object["method"]?.stringValue != nil
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
        guard object["jsonrpc"] == .string("2.0") else { return invalid("`jsonrpc` must be \"2.0\"") }
        guard let method = object["method"]?.stringValue else { return invalid("`method` must be a string") }
        let params = object["params"]
        switch params {
        case nil, .object?, .array?: break
        default: return invalid("`params` must be an object or an array")
        }
        for key in object.keys where !["jsonrpc", "id", "method", "params"].contains(key) {
            return invalid("unknown member \(JSONValue.string(key).jsonText)")
        }
        return .request(Request(id: isNotification ? nil : id, method: method, params: params))
    }
}
