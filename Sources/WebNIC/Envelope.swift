import JSONCore

/// WebNIC's response envelope: `{"code": "1000", "message": …, "data": …}` on success,
/// with `error`, `fieldErrors` and `validationErrors` on failure.
package struct Envelope: Sendable, Equatable {
    /// WebNIC's result code, a string: `"1000"` is success.
    package let code: String
    /// The top-level message.
    package let message: String?
    /// `data`, when present.
    package let data: JSONValue?
    /// `error.subCode`, for example `RES5001`.
    package let subCode: String?
    /// `error.message`.
    package let errorMessage: String?
    /// `fieldErrors` exactly as WebNIC sent it.
    package let fieldErrors: JSONValue?
    /// `validationErrors` exactly as WebNIC sent it.
    package let validationErrors: JSONValue?

    /// The success code.
    package static let successCode = "1000"
    /// The code of a request WebNIC did only in part (with HTTP 207).
    package static let partialSuccessCode = "3000"

    /// The envelope in a response body, or `nil` when the body is not one (not JSON, or no string `code`).
    package init?(body: [UInt8]) {
        guard let value = try? JSONParser.parse(body), let object = value.objectValue,
              let code = object["code"]?.stringValue
        else { return nil }
        self.code = code
        message = object["message"]?.stringValue
        data = object["data"]
        let error = object["error"]?.objectValue
        subCode = error?["subCode"]?.stringValue
        errorMessage = error?["message"]?.stringValue
        fieldErrors = object["fieldErrors"].flatMap { $0.isNull ? nil : $0 }
        validationErrors = object["validationErrors"].flatMap { $0.isNull ? nil : $0 }
    }

    /// Whether `code` says success.
    package var isSuccess: Bool { code == Self.successCode }

    /// The last four characters of the sub-code (`4000` of `SSL4000`), which carry its meaning
    /// across WebNIC's APIs whatever their prefix.
    package var subCodeTail: String? {
        guard let subCode, subCode.count >= 4 else { return nil }
        return String(subCode.suffix(4))
    }

    /// Whether WebNIC listed field problems.
    package var hasFieldProblems: Bool {
        (fieldErrors?.arrayValue?.isEmpty == false) || (validationErrors?.arrayValue?.isEmpty == false)
    }

    /// The most specific message WebNIC gave, without its closing period, to be quoted in a sentence.
    package var bestMessage: String? {
        guard var text = errorMessage ?? message else { return nil }
        while text.last == "." || text.last?.isWhitespace == true { text.removeLast() }
        return text
    }

    /// Every part of the envelope but `data`, for error reports: nothing WebNIC said is dropped.
    package var errorDetail: JSONValue {
        var object = JSONObject()
        object["code"] = .string(code)
        object["message"] = message.map(JSONValue.string) ?? .null
        object["subCode"] = subCode.map(JSONValue.string) ?? .null
        object["errorMessage"] = errorMessage.map(JSONValue.string) ?? .null
        object["fieldErrors"] = fieldErrors ?? .array([])
        object["validationErrors"] = validationErrors ?? .array([])
        return .object(object)
    }
}
