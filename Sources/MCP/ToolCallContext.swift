import JSONCore
import JSONRPC

/// What a tool call knows of its caller and its session, beyond its arguments, and the ways it
/// can ask the person behind the client (see `Elicitation`).
package struct ToolCallContext: Sendable {
    /// The `tools/call` request's id.
    package let requestID: RequestID?
    /// Set when the client asked for progress reports.
    package let progress: ProgressReporter?
    /// Who is calling: `{"protocol": "mcp", "client": …, "clientVersion": …, "era": …}`.
    package let via: JSONValue
    /// How the person can be asked, in the era this connection speaks.
    package let elicitation: Elicitation

    /// What the call of request `requestID` knows: its progress reporter, who calls, how to ask.
    package init(requestID: RequestID?, progress: ProgressReporter?, via: JSONValue, elicitation: Elicitation) {
        self.requestID = requestID
        self.progress = progress
        self.via = via
        self.elicitation = elicitation
    }
}

/// How a tool can put a question to the person behind the client (MCP elicitation, form mode).
package enum Elicitation: Sendable {
    /// The client cannot show a question (it did not declare form elicitation); the reason says why.
    case unavailable(String)
    /// Handshake eras: the question goes out as an `elicitation/create` request and the call
    /// waits, suspended, for the answer.
    case ask(@Sendable (_ question: ElicitationQuestion) async -> ElicitationAnswer)
    /// 2026-07-28: the question goes back as an `input_required` result, and the client calls
    /// again with the answers; these are what this call carried (nil on a first call), by key.
    case roundTrip(answers: [String: ElicitationAnswer]?, requestState: String?)
}

/// A question in form mode: the message, and a flat object schema of primitive properties.
package struct ElicitationQuestion: Sendable, Equatable {
    /// What the person reads.
    package let message: String
    /// The form: `{"type": "object", "properties": {…}, "required": […]}`.
    package let requestedSchema: JSONObject

    /// A question reading `message`, with the form `requestedSchema`.
    package init(message: String, requestedSchema: JSONObject) {
        self.message = message
        self.requestedSchema = requestedSchema
    }

    /// The `elicitation/create` params; `mode` is named from 2025-11-25 on.
    func params(namingMode: Bool) -> JSONObject {
        var object = JSONObject()
        if namingMode { object["mode"] = "form" }
        object["message"] = .string(message)
        object["requestedSchema"] = .object(requestedSchema)
        return object
    }
}

/// What the person answered.
package enum ElicitationAnswer: Sendable, Equatable {
    /// Submitted, with the form's content.
    case accept(JSONObject)
    /// Said no.
    case decline
    /// Dismissed the question without a choice.
    case cancel
    /// No answer came: the call was cancelled, or the client refused the request.
    case failed(String)
    /// No answer can come: the session ended first.
    case sessionEnded

    /// The answer an `elicitation/create` result (or a 2026-07-28 input response) stands for.
    package init(json: JSONValue?) {
        switch json?["action"]?.stringValue {
        case "accept": self = .accept(json?["content"]?.objectValue ?? JSONObject())
        case "decline": self = .decline
        case "cancel": self = .cancel
        default: self = .failed("the client's answer has no action accept, decline or cancel")
        }
    }
}

/// What a tool call ends in: a result, or (2026-07-28) a question for the person first.
package enum ToolCallOutcome: Sendable {
    /// The call is done.
    case complete(ToolResult)
    /// The client must put `questions` (by key) to its user and call again with the answers and
    /// `requestState`.
    case inputRequired(questions: [(key: String, question: ElicitationQuestion)], requestState: String)
}
