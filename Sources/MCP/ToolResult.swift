import JSONCore

/// What a tool call returns: text for the model, the same as structured data, and whether it failed.
///
/// A failure of the tool itself (bad arguments, WebNIC refusing) is a result with `isError`, so
/// that a model can read it and correct itself; only protocol faults are JSON-RPC errors.
package struct ToolResult: Sendable, Equatable {
    /// The text content: what happened, in words a model can act on.
    package let text: String
    /// The structured content: a JSON object.
    package let structuredContent: JSONValue
    /// Whether the call failed.
    package let isError: Bool

    /// A result whose text content is `text`; `isError` for a failure.
    package init(text: String, structuredContent: JSONValue, isError: Bool) {
        self.text = text
        self.structuredContent = structuredContent
        self.isError = isError
    }

    /// The `tools/call` result object.
    package var json: JSONObject {
        var object = JSONObject()
        object["content"] = [["type": "text", "text": .string(text)]]
        object["structuredContent"] = structuredContent
        object["isError"] = .bool(isError)
        return object
    }
}
