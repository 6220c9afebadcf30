import JSONCore
import Platform
import WebNIC

/// The records of the audit log, one per phase of a write.
enum AuditRecord {
    /// A new id tying an intent to its outcome: 32 random hexadecimal digits.
    static func newID() -> String { RandomID.make() }

    /// The write about to be sent: who asked, through what and against which WebNIC, the
    /// organization, what changes (when known), the person's approval (when asked) and the contact
    /// exactly as it is sent (with the technical contact when that is sent too).
    static func intent(
        id: String, origin: WriteOrigin, target: JSONValue, update: ContactUpdate, changes: [FieldChange]?, approval: Approval?
    ) -> JSONValue {
        var object = header("intent", id: id, origin: origin, target: target)
        object["organizationId"] = .integer(update.organizationId)
        if let changes { object["changes"] = .array(changes.map(\.json)) }
        if let approval { object["approval"] = ["askedAt": .string(approval.askedAt), "answeredAt": .string(approval.answeredAt)] }
        object["organization"] = update.body["organization"]
        if let technicalContactId = update.technicalContactId { object["technicalContactId"] = .string(technicalContactId) }
        return .object(object)
    }

    /// A write refused before anything was sent: who asked, the organization, and why (the error
    /// category, and the fields when the refusal names some).
    static func refusal(
        origin: WriteOrigin, target: JSONValue, organizationId: Int64?, category: String, fields: [String]?
    ) -> JSONValue {
        var object = header("refused", id: newID(), origin: origin, target: target)
        object["organizationId"] = organizationId.map { .integer($0) } ?? .null
        object["outcome"] = .string(category)
        if let fields { object["fields"] = .array(fields.map(JSONValue.string)) }
        object["sent"] = false
        return .object(object)
    }

    /// The members every record of a call starts with.
    private static func header(_ phase: String, id: String, origin: WriteOrigin, target: JSONValue) -> JSONObject {
        var object = JSONObject()
        object["phase"] = .string(phase)
        object["auditId"] = .string(id)
        object["time"] = .string(UTCTimestamp.now(fractionDigits: 3))
        object["requestId"] = origin.requestId
        object["method"] = .string(origin.method)
        object["via"] = origin.via
        object["webnic"] = target
        return object
    }

    /// How the write ended: `ok` or the error category, WebNIC's HTTP status (null when none
    /// arrived), the HTTP attempts made, and the new `modifiedAt` when it succeeded; with who asked
    /// and against which WebNIC, as every record says.
    static func outcome(
        id: String, origin: WriteOrigin, target: JSONValue, outcome: String, httpStatus: Int?, attempts: Int, modifiedAt: String?
    ) -> JSONValue {
        var object = header("outcome", id: id, origin: origin, target: target)
        object["outcome"] = .string(outcome)
        object["httpStatus"] = httpStatus.map { .integer($0) } ?? .null
        object["attempts"] = .integer(attempts)
        if outcome == "ok" { object["modifiedAt"] = modifiedAt.map(JSONValue.string) ?? .null }
        return .object(object)
    }
}
