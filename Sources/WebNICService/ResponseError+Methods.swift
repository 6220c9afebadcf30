import ErrorCategories
import JSONCore
import JSONRPC
import SafeChange
import WebNIC

/// The JSON-RPC error of each way a method call can fail, with `data` as the contract says:
/// `category`, `retryable`, `hint`, and whatever else is known.
extension ResponseError {
    /// `-32602` listing every problem found in the params.
    static func invalidParams(_ problems: [FieldError]) -> ResponseError {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        var summary = problems.prefix(3).map { "`\($0.field)`: \($0.message)" }.joined(separator: "; ")
        if problems.count > 3 { summary += "; and \(problems.count - 3) more in data.fieldErrors" }
        return categorized(.invalidParams, "Invalid params, \(count): \(summary).", ["fieldErrors": .array(problems.map(\.json))])
    }

    /// `-32602` for params that are not an object.
    static func paramsNotByName(_ example: String) -> ResponseError {
        categorized(
            .invalidParams, "Invalid params: params are accepted by name only; send an object such as \(example).",
            ["fieldErrors": [FieldError(field: "params", message: "must be an object of named parameters").json]]
        )
    }

    /// The error for a failed WebNIC call; nothing of WebNIC's envelope is dropped.
    static func webnic(_ error: WebNICError) -> ResponseError {
        let category = ErrorCategory(error.kind)
        var data = details(of: error, in: category)
        if let hint = error.hint { data["hint"] = .string(hint) }
        return ResponseError(code: category.code, message: error.message, data: .object(data))
    }

    /// `data` for `error` in `category`: the category's own fields, then what is known of the
    /// call's last answer (its status, `Retry-After`, WebNIC's envelope or the start of another
    /// body) and its attempts.
    private static func details(of error: WebNICError, in category: ErrorCategory) -> JSONObject {
        var data = base(category)
        if let status = error.httpStatus { data["httpStatus"] = .integer(status) }
        data["attempts"] = .integer(error.attempts)
        if let seconds = error.retryAfterSeconds { data["retryAfterSeconds"] = .integer(seconds) }
        if let envelope = error.envelope, !envelope.isSuccess || category != .badUpstreamResponse {
            data["webnic"] = envelope.errorDetail
        }
        if let excerpt = error.bodyExcerpt { data["bodyExcerpt"] = .string(excerpt) }
        return data
    }

    /// The error for a change that was not made.
    static func change(_ error: ChangeError) -> ResponseError {
        switch error {
        case .webnic(let error):
            return webnic(error)
        case .conflict(let expected, let current, let attempts):
            let now = current.map { "it was modified at \($0)" } ?? "WebNIC gives no modification time for it"
            return categorized(
                .conflict, "The organization changed since it was read: expectedModifiedAt is \(expected), but \(now). Nothing was sent.",
                [
                    "attempts": .integer(attempts), "expectedModifiedAt": .string(expected),
                    "currentModifiedAt": current.map(JSONValue.string) ?? .null,
                ]
            )
        case .auditLogUnwritable(let failure, let attempts):
            return categorized(
                .configuration, "The write was not sent: its record could not be written to the audit log \(failure.path) (\(failure.reason)).",
                [
                    "hint": .string("Make the audit log \(failure.path) writable (space, permissions), or point --audit-log elsewhere and restart webnic-rpc."),
                    "attempts": .integer(attempts),
                ]
            )
        case .outcomeUnknown(let error):
            let data = details(of: error, in: .outcomeUnknown)
            // A cancel keeps the code a cancelled request has; the category says what is known.
            return ResponseError(
                code: error.kind == .cancelled ? .requestCancelled : ErrorCategory.outcomeUnknown.code,
                message: outcomeUnknownMessage(error), data: .object(data)
            )
        }
    }

    /// Why a write's outcome is unknown: the attempt that may have reached WebNIC unanswered, and
    /// how the call ended when a later attempt ended otherwise.
    private static func outcomeUnknownMessage(_ error: WebNICError) -> String {
        guard let unconfirmed = error.unconfirmed else {
            return "The write may have reached WebNIC: it may or may not have been applied."
        }
        /// A sentence set inside another, without its full stop.
        func clause(_ sentence: String) -> Substring { sentence.hasSuffix(".") ? sentence.dropLast() : Substring(sentence) }
        let why = switch unconfirmed.reason {
        case .timedOut: "WebNIC did not answer within the timeout"
        case .cancelled: "the call was cancelled before WebNIC answered"
        case .cutOff(let message): "the connection was cut off before WebNIC answered (\(clause(message)))"
        case .gateway(let status): "a gateway answered HTTP \(status) in WebNIC's place"
        case .unreadable(let status): "WebNIC answered HTTP \(status) in a shape not documented"
        }
        guard unconfirmed.attempt < error.attempts else {
            return "The write may have reached WebNIC, but \(why): it may or may not have been applied."
        }
        return "The write may have reached WebNIC: on attempt \(unconfirmed.attempt) of \(error.attempts) \(why), and the last attempt failed (\(clause(error.message))): it may or may not have been applied."
    }

    /// The error for a write asked of a read-only webnic-rpc; nothing was sent.
    static func readOnly(_ method: String) -> ResponseError {
        categorized(.readOnly, "\(method) writes to WebNIC, and webnic-rpc is read-only: nothing was sent. Reads and dry runs work.")
    }

    /// A call naming an organization outside `--organizations`; nothing was sent.
    static func outOfScope(organization id: Int64, allowed: [Int64]) -> ResponseError {
        categorized(
            .outOfScope,
            "Organization \(id) is outside the organizations webnic-rpc may touch (\(allowed.map(String.init).joined(separator: ", "))): nothing was sent.",
            ["organizationId": .integer(id), "allowedOrganizations": .array(allowed.map { .integer($0) })]
        )
    }

    /// A write naming fields outside `--writable-fields`; nothing was sent.
    static func outOfScope(fields: [String], writable: [String]) -> ResponseError {
        let named = fields.count == 1 ? "The field \(fields[0]) is" : "The fields \(fields.joined(separator: ", ")) are"
        return categorized(
            .outOfScope, "\(named) outside the fields webnic-rpc may write (\(writable.joined(separator: ", "))): nothing was sent.",
            ["fields": .array(fields.map(JSONValue.string)), "writableFields": .array(writable.map(JSONValue.string))]
        )
    }

    /// The person did not approve the write (declined, dismissed, or `approve` false); nothing was sent.
    static func declined(_ how: String) -> ResponseError {
        categorized(.declined, "The write was not approved (\(how)): nothing was sent.")
    }

    /// A write under `--confirm-writes` that cannot be approved; nothing was sent.
    static func approvalRequired(_ reason: String) -> ResponseError {
        categorized(.approvalRequired, "This write needs the person's approval, and it cannot be asked: \(reason). Nothing was sent.")
    }

    /// A 2026-07-28 call again whose `requestState` names no approval waiting for these arguments.
    static var approvalStateInvalid: ResponseError {
        categorized(
            .approvalRequired,
            "The approval this call carries (requestState) is unknown, expired, already used, or was given for other arguments: nothing was sent. Call the tool again without requestState and inputResponses to be asked again."
        )
    }

    /// `-32800`: the request was cancelled before it finished.
    static var cancelled: ResponseError {
        categorized(.cancelled, ResponseError.requestCancelled.message)
    }

    /// An error of `category`: its code, `message`, and `data` with the category, whether to
    /// retry and the hint, then the members of `extra` (a `hint` there replaces the category's).
    private static func categorized(_ category: ErrorCategory, _ message: String, _ extra: JSONValue = [:]) -> ResponseError {
        var data = base(category)
        for member in extra.objectValue?.members ?? [] { data[member.key] = member.value }
        return ResponseError(code: category.code, message: message, data: .object(data))
    }

    private static func base(_ category: ErrorCategory) -> JSONObject {
        var data = JSONObject()
        data["category"] = .string(category.rawValue)
        data["retryable"] = .bool(category.isRetryable)
        data["hint"] = .string(category.hint)
        return data
    }
}
