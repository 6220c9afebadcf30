import JSONCore
import Testing
import WebNIC

/// Each behaviour `shared/webnic-api.md` lists under "Learned since the first version", with the
/// payloads given there.
@Suite("What WebNIC is now known to do")
struct LearnedBehaviourTests {
    private func classify(_ status: Int, _ body: String, route: Route = .getOrganization) -> Result<Envelope, WebNICError> {
        ResponseClassifier.classify(HTTPResponse(status: status, body: Array(body.utf8)), route: route)
    }

    private func envelope(_ subCode: String, _ message: String) -> String {
        #"{"code":"2400","message":"\#(message)","error":{"subCode":"\#(subCode)","message":"\#(message)"}}"#
    }

    @Test("a …0004 sub-code is forbidden with HTTP 403 and with 400", arguments: [
        (403, "RES0004", "Forbidden access"), (400, "DOM0004", "Forbidden access with current ip address"),
        (400, "SSL0004", "Forbidden access"),
    ])
    func forbidden(status: Int, subCode: String, message: String) throws {
        guard case .failure(let error) = classify(status, envelope(subCode, message)) else { Issue.record("not a failure"); return }
        #expect(error.kind == .forbidden)
        #expect(error.message == "WebNIC refused the call from this address (HTTP \(status), \(subCode)): \(message).")
        #expect(!RetryPolicy.isRetryable(error.kind))
    }

    @Test("not found comes in several shapes, at 400 and at 500, and is never retried", arguments: [
        (400, "DOM2400", "Domain record not found."), (400, "DOM2400", "Invalid contact id."),
        (400, "DOM5007", "Domain does not exist for this reseller."), (500, "DOM5000", "Object does not exist"),
        (500, "SSL5000", "Invalid organization id"), (400, "SSL2400", "Organization not found"),
    ])
    func notFound(status: Int, subCode: String, message: String) throws {
        guard case .failure(let error) = classify(status, envelope(subCode, message)) else { Issue.record("not a failure"); return }
        #expect(error.kind == .notFound)
        #expect(error.message == "WebNIC found no such organization: \(message.hasSuffix(".") ? String(message.dropLast()) : message).")
        #expect(!RetryPolicy.isRetryable(error.kind))
    }

    @Test("any other 500 stays an upstream error, retried; RES5001 at the token endpoint is a credentials refusal", arguments: [
        (Route.getOrganization, "SSL5000", "Unknown error occurred", WebNICError.Kind.upstream),
        (.getOrganization, "RES5001", "Invalid username", .upstream),
        (.token, "RES5001", "Invalid username", .unauthorized),
        (.updateOrganizationContact, "SSL5000", "Invalid input format", .upstream),
    ])
    func otherServerErrors(route: Route, subCode: String, message: String, kind: WebNICError.Kind) throws {
        guard case .failure(let error) = classify(500, envelope(subCode, message), route: route) else { Issue.record("not a failure"); return }
        #expect(error.kind == kind)
    }

    @Test("code 3000 with HTTP 207 is a partial success: refused, with a hint to read what WebNIC now holds")
    func partial() throws {
        guard case .failure(let error) = classify(207, #"{"code":"3000","message":"Partially completed"}"#) else { Issue.record("not a failure"); return }
        #expect(error.kind == .businessRule)
        #expect(error.message == "WebNIC did the request only in part (code 3000, HTTP 207): Partially completed.")
        #expect(error.hint == "Part of the request may have been applied: read the organization to see what WebNIC now holds, then send what is still to change.")
    }

    @Test("an answer without data is not an organization: a precise decoding problem, no crash")
    func noData() {
        #expect(throws: DecodingProblem("the answer has no `data`, where the organization belongs")) { try OrganizationRecord(data: nil) }
        #expect(throws: DecodingProblem("the answer has no `data`, where the organization belongs")) { try OrganizationRecord(data: .null) }
        #expect(throws: DecodingProblem("`data`: expected an object, got an array")) { try OrganizationRecord(data: []) }
    }

    @Test("a lower-case countryCode is returned upper case; timestamps in every form WebNIC writes", arguments: [
        ("2025-01-02T04:10:05Z", "2025-01-02T04:10:05Z"),
        ("2025-01-13T12:52:01.973992Z", "2025-01-13T12:52:01.973992Z"),
        ("2026-08-08T04:08:31.150680317Z", "2026-08-08T04:08:31.150680317Z"),
        ("2025-08-08T12:08:31+08:00", "2025-08-08T04:08:31Z"),
        ("2028-06-17T12:18:59", "2028-06-17T12:18:59"),
        ("not a time", "not a time"),
    ])
    func decoding(written: String, returned: String) throws {
        let record = try OrganizationRecord(data: [
            "organizationId": 5, "details": ["countryCode": "my", "company": "A &amp; B"], "dtcreate": .string(written), "dtmodify": .string(written),
        ])
        #expect(record.contact[.countryCode] == "MY")
        #expect(record.contact[.company] == "A & B")
        #expect(record.createdAt == returned)
        #expect(record.modifiedAt == returned)
    }
}
