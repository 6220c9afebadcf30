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
        var data = base(.invalidParams)
        data["fieldErrors"] = .array(problems.map(\.json))
        return ResponseError(code: .invalidParams, message: "Invalid params, \(count): \(summary).", data: .object(data))
    }

    /// `-32602` for params that are not an object.
    static func paramsNotByName(_ example: String) -> ResponseError {
        var data = base(.invalidParams)
        data["fieldErrors"] = .array([FieldError(field: "params", message: "must be an object of named parameters").json])
        return ResponseError(
            code: .invalidParams,
            message: "Invalid params: params are accepted by name only; send an object such as \(example).",
            data: .object(data)
        )
    }

    /// The error for a failed WebNIC call; nothing of WebNIC's envelope is dropped.
    static func webnic(_ error: WebNICError) -> ResponseError {
        let category = ErrorCategory(error.kind)
        var data = base(category)
        if let hint = error.hint { data["hint"] = .string(hint) }
        if let status = error.httpStatus { data["httpStatus"] = .integer(status) }
        data["attempts"] = .integer(error.attempts)
        if let seconds = error.retryAfterSeconds { data["retryAfterSeconds"] = .integer(seconds) }
        if let envelope = error.envelope, !envelope.isSuccess || category != .badUpstreamResponse {
            data["webnic"] = envelope.errorDetail
        }
        if let excerpt = error.bodyExcerpt { data["bodyExcerpt"] = .string(excerpt) }
        return ResponseError(code: category.code, message: error.message, data: .object(data))
    }

    /// The error for a change that was not made.
    static func change(_ error: ChangeError) -> ResponseError {
        switch error {
        case .webnic(let error):
            return webnic(error)
        case .conflict(let expected, let current, let attempts):
            var data = base(.conflict)
            data["attempts"] = .integer(attempts)
            data["expectedModifiedAt"] = .string(expected)
            data["currentModifiedAt"] = current.map(JSONValue.string) ?? .null
            let now = current.map { "it was modified at \($0)" } ?? "WebNIC gives no modification time for it"
            return ResponseError(
                code: ErrorCategory.conflict.code,
                message: "The organization changed since it was read: expectedModifiedAt is \(expected), but \(now). Nothing was sent.",
                data: .object(data)
            )
        case .auditLogUnwritable(let failure, let attempts):
            var data = base(.configuration)
            data["hint"] = .string("Make the audit log \(failure.path) writable (space, permissions), or point --audit-log elsewhere and restart webnic-rpc.")
            data["attempts"] = .integer(attempts)
            return ResponseError(
                code: ErrorCategory.configuration.code,
                message: "The write was not sent: its record could not be written to the audit log \(failure.path) (\(failure.reason)).",
                data: .object(data)
            )
        case .outcomeUnknown(let error):
            var data = base(.outcomeUnknown)
            data["attempts"] = .integer(error.attempts)
            let why = switch error.kind {
            case .cancelled: "the call was cancelled before WebNIC answered"
            case .timeout: "WebNIC did not answer within the timeout"
            default: "the connection was cut off before WebNIC answered (\(error.message))"
            }
            // A cancel keeps the code a cancelled request has; the category says what is known.
            return ResponseError(
                code: error.kind == .cancelled ? .requestCancelled : ErrorCategory.outcomeUnknown.code,
                message: "The write may have reached WebNIC, but \(why): it may or may not have been applied.",
                data: .object(data)
            )
        }
    }

    /// The error for a write asked of a read-only webnic-rpc; nothing was sent.
    static func readOnly(_ method: String) -> ResponseError {
        ResponseError(
            code: ErrorCategory.readOnly.code,
            message: "\(method) writes to WebNIC, and webnic-rpc is read-only: nothing was sent. Reads and dry runs work.",
            data: .object(base(.readOnly))
        )
    }

    /// A call naming an organization outside `--organizations`; nothing was sent.
    static func outOfScope(organization id: Int64, allowed: [Int64]) -> ResponseError {
        var data = base(.outOfScope)
        data["organizationId"] = .integer(id)
        data["allowedOrganizations"] = .array(allowed.map { .integer($0) })
        return ResponseError(
            code: ErrorCategory.outOfScope.code,
            message: "Organization \(id) is outside the organizations webnic-rpc may touch (\(allowed.map(String.init).joined(separator: ", "))): nothing was sent.",
            data: .object(data)
        )
    }

    /// A write naming fields outside `--writable-fields`; nothing was sent.
    static func outOfScope(fields: [String], writable: [String]) -> ResponseError {
        var data = base(.outOfScope)
        data["fields"] = .array(fields.map(JSONValue.string))
        data["writableFields"] = .array(writable.map(JSONValue.string))
        let named = fields.count == 1 ? "The field \(fields[0]) is" : "The fields \(fields.joined(separator: ", ")) are"
        return ResponseError(
            code: ErrorCategory.outOfScope.code,
            message: "\(named) outside the fields webnic-rpc may write (\(writable.joined(separator: ", "))): nothing was sent.",
            data: .object(data)
        )
    }

    /// The person did not approve the write (declined, dismissed, or `approve` false); nothing was sent.
    static func declined(_ how: String) -> ResponseError {
        ResponseError(
            code: ErrorCategory.declined.code, message: "The write was not approved (\(how)): nothing was sent.", data: .object(base(.declined))
        )
    }

    /// A write under `--confirm-writes` that cannot be approved; nothing was sent.
    static func approvalRequired(_ reason: String) -> ResponseError {
        ResponseError(
            code: ErrorCategory.approvalRequired.code,
            message: "This write needs the person's approval, and it cannot be asked: \(reason). Nothing was sent.",
            data: .object(base(.approvalRequired))
        )
    }

    /// A 2026-07-28 call again whose `requestState` names no approval waiting for these arguments.
    static var approvalStateInvalid: ResponseError {
        ResponseError(
            code: ErrorCategory.approvalRequired.code,
            message: "The approval this call carries (requestState) is unknown, expired, already used, or was given for other arguments: nothing was sent. Call the tool again without requestState and inputResponses to be asked again.",
            data: .object(base(.approvalRequired))
        )
    }

    /// `-32800`: the request was cancelled before it finished.
    static var cancelled: ResponseError {
        ResponseError(code: ErrorCategory.cancelled.code, message: ResponseError.requestCancelled.message, data: .object(base(.cancelled)))
    }

    private static func base(_ category: ErrorCategory) -> JSONObject {
        var data = JSONObject()
        data["category"] = .string(category.rawValue)
        data["retryable"] = .bool(category.isRetryable)
        data["hint"] = .string(category.hint)
        return data
    }
}
