#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSONCore
import Platform
import Synchronization
import WebNIC

/// An in-memory WebNIC that answers as `shared/webnic-api.md` describes the real one.
///
/// Token endpoint, Get Organization Info and Update Organization Contact with WebNIC's envelope,
/// field checks and HTML-escaped strings; Spring-style 404/405 without the envelope for unknown
/// routes. A control API under `/__sim/` scripts faults and reports what was received.
///
/// The `RES…` and `DOM…` sub-codes are WebNIC's own (documented or observed). Every `SSL…`
/// sub-code here (`SSL2400`, `SSL4000`, `SSL4002`, `SSL5000`) is our invention: WebNIC publishes
/// none for its SSL API, so they follow the Domain API's pattern, and the plugin classifies by the
/// sub-code's numeric tail only.
/// Thread-safe: `handle` may be called from any thread at once.
package final class WebNICSimulator: Sendable {
    private struct State {
        var organizations: [Int64: StoredOrganization]
        var tokens: [String: ContinuousClock.Instant] = [:]
        var faults: [Fault] = []
        var received: [ReceivedRequest] = []
        var tokenMints = 0
        var connections = 0
        var requestCount = 0
        /// The last answer rendered for each organization, dropped when the organization changes:
        /// reused until then (rendering is most of a sandbox call's cost).
        var rendered: [Int64: SimulatedResponse] = [:]

        /// Keeps `entry` in the request log (the latest `requestsKept`, trimmed in batches).
        mutating func record(_ entry: ReceivedRequest) {
            received.append(entry)
            requestCount += 1
            if received.count > 2 * WebNICSimulator.requestsKept { received.removeFirst(received.count - WebNICSimulator.requestsKept) }
        }

        /// Takes the first fault scheduled for `route`, counting it down.
        mutating func takeFault(for route: Route) -> Fault? {
            guard let index = faults.firstIndex(where: { $0.route == "any" || $0.route == route.rawValue }) else { return nil }
            let fault = faults[index]
            faults[index].count -= 1
            if faults[index].count <= 0 { faults.remove(at: index) }
            return fault
        }

        /// Whether `token` was minted here and is still alive at `now`.
        func accepts(_ token: String, at now: ContinuousClock.Instant) -> Bool {
            guard let expiry = tokens[token] else { return false }
            return now < expiry
        }
    }

    /// What `handle` learns about a request in its one critical section.
    private struct Admission {
        let route: Route
        let organizationId: Int64?
        let fault: Fault?
        let authorized: Bool
        /// The answer to a fault-free, authorized read of an unchanged organization.
        let rendered: SimulatedResponse?
    }

    /// How many received requests the simulator keeps for `GET /__sim/requests` (the latest ones),
    /// so that a long sandbox session does not grow without bound.
    package static let requestsKept = 1_000

    private let settings: SimulatorSettings
    private let state: Mutex<State>
    private let clock: @Sendable () -> String

    /// A simulator with `settings`; `clock` gives the `dtmodify` of an update.
    package init(settings: SimulatorSettings = SimulatorSettings(), clock: @escaping @Sendable () -> String = WebNICSimulator.now) {
        self.settings = settings
        self.clock = clock
        state = Mutex(State(organizations: Dictionary(settings.organizations.map { ($0.organizationId, $0) }, uniquingKeysWith: { $1 })))
    }

    /// How many tokens have been minted.
    package var tokenMints: Int { state.withLock { $0.tokenMints } }

    /// Counts a new TCP connection (called by the HTTP server).
    package func connectionOpened() { state.withLock { $0.connections += 1 } }

    /// Schedules `fault` for the next matching requests.
    package func inject(_ fault: Fault) { state.withLock { $0.faults.append(fault) } }

    /// The organization as stored, if it exists.
    package func organization(_ id: Int64) -> StoredOrganization? { state.withLock { $0.organizations[id] } }

    /// What the simulator received (API routes only; the latest `requestsKept`), oldest first, secrets redacted.
    package var receivedRequests: [JSONValue] { state.withLock { $0.received.suffix(Self.requestsKept) }.map(\.json) }

    /// Answers one request.
    package func handle(_ request: SimulatedRequest) -> SimulatedResponse {
        if request.path.hasPrefix("/__sim/") { return control(request) }
        let entry = ReceivedRequest(request)
        let matched = settings.routes.match(method: request.method, target: request.target)
        let header = request.headers["authorization"] ?? ""
        let token = header.hasPrefix("Bearer ") ? String(header.dropFirst(7)) : ""
        let now = ContinuousClock.now
        // One critical section for what every call needs (the log, its fault, its token and, for a
        // read, the answer rendered before): many connections contend for this lock at once.
        let admission = state.withLock { state -> Admission? in
            state.record(entry)
            guard let (route, organizationId) = matched else { return nil }
            let fault = state.takeFault(for: route)
            if fault?.kind == .expiredToken { state.tokens.removeAll() }
            let authorized = state.accepts(token, at: now)
            let rendered = route == .getOrganization && authorized && fault == nil ? organizationId.flatMap { state.rendered[$0] } : nil
            return Admission(route: route, organizationId: organizationId, fault: fault, authorized: authorized, rendered: rendered)
        }
        guard let admission else {
            return springError(status: settings.routes.matchesPath(request.target) ? 405 : 404, path: String(request.path))
        }
        if let rendered = admission.rendered { return rendered }
        var delay = 0
        if let fault = admission.fault {
            if let answer = response(for: fault, to: request) { return answer }
            if fault.kind == .delay { delay = fault.delayMilliseconds }
            // Over HTTP each connection has a thread of its own: only this request waits.
            if fault.kind == .delayBefore { usleep(useconds_t(fault.delayMilliseconds) * 1000) }
        }
        var answer: SimulatedResponse
        switch admission.route {
        case .token: answer = mintToken(request)
        case .getOrganization: answer = admission.authorized ? getOrganization(admission.organizationId) : unauthorized()
        case .updateOrganizationContact:
            answer = admission.authorized ? updateOrganization(admission.organizationId, body: request.body) : unauthorized()
        }
        answer.delayMilliseconds = delay
        return answer
    }

    // MARK: - Routes

    private func mintToken(_ request: SimulatedRequest) -> SimulatedResponse {
        guard let body = try? JSONParser.parse(request.body), let username = body["username"]?.stringValue,
              let password = body["password"]?.stringValue
        else {
            return envelopeError(status: 400, code: "2400", subCode: "RES4002", message: "Unable to parse request body")
        }
        guard username == settings.username, password == settings.password else {
            return envelopeError(status: 500, code: "2400", subCode: "RES5001", message: "Invalid username")
        }
        let token = "sim." + (0..<3).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined()
        let lifetime = settings.tokenLifetime
        state.withLock {
            $0.tokens[token] = ContinuousClock.now + .seconds(lifetime)
            $0.tokenMints += 1
        }
        return success(["access_token": .string(token), "expires_in": .integer(lifetime)])
    }

    private func unauthorized() -> SimulatedResponse {
        envelopeError(
            status: 401, code: "2400", subCode: "RES2401", message: "Invalid or expired token. Reason: Provided token isn't active"
        )
    }

    private func getOrganization(_ id: Int64?) -> SimulatedResponse {
        guard let id else { return notFound() }
        guard let organization = state.withLock({ $0.organizations[id] }) else { return notFound() }
        let answer = success(Self.json(organization))
        // Kept only if no update came while it was rendered (an update drops what is kept).
        state.withLock { if $0.organizations[id] == organization { $0.rendered[id] = answer } }
        return answer
    }

    private func updateOrganization(_ id: Int64?, body: [UInt8]) -> SimulatedResponse {
        guard let parsed = try? JSONParser.parse(body), let object = parsed.objectValue else {
            return envelopeError(status: 400, code: "2400", subCode: "SSL4002", message: "Unable to parse request body")
        }
        guard let contact = object["organization"]?.objectValue else {
            return envelopeError(
                status: 400, code: "2400", subCode: "SSL4000", message: "Validation failed",
                fieldErrors: [["field": "organization", "messages": ["must not be null"]]]
            )
        }
        let fieldErrors = SimulatorFieldChecks.fieldErrors(contact)
        if !fieldErrors.isEmpty {
            return envelopeError(status: 400, code: "2400", subCode: "SSL4000", message: "Validation failed", fieldErrors: fieldErrors)
        }
        let tecid = object["technicalContactId"]?.stringValue
        if let tecid, !settings.technicalContacts.contains(tecid) {
            return envelopeError(status: 400, code: "2400", subCode: "SSL2400", message: "Technical contact \(tecid) does not exist")
        }
        let now = clock()
        let result: StoredOrganization? = state.withLock { state in
            guard let id, var organization = state.organizations[id] else { return nil }
            guard !organization.validationInProgress else { return organization }
            var details: [String: String] = [:]
            for member in contact.members {
                if let value = member.value.stringValue, !value.isEmpty { details[member.key] = value }
            }
            organization.details = details
            if let tecid { organization.tecid = tecid }
            organization.dtmodify = now
            state.organizations[id] = organization
            state.rendered[id] = nil
            return organization
        }
        guard let result else { return notFound() }
        if result.validationInProgress {
            return envelopeError(
                status: 400, code: "2400", subCode: "SSL2400",
                message: "Organization contact cannot be updated while validation is in progress"
            )
        }
        return success(Self.json(result))
    }

    func notFound() -> SimulatedResponse {
        envelopeError(status: 400, code: "2400", subCode: "SSL2400", message: "Organization not found")
    }

    // MARK: - Control API

    private func control(_ request: SimulatedRequest) -> SimulatedResponse {
        switch (request.method, request.target) {
        case ("POST", "/__sim/faults"):
            guard let body = try? JSONParser.parse(request.body), let fault = Fault(json: body) else {
                let kinds = Fault.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                return plain(400, ["error": .string("expected {\"route\": …, \"fault\": one of \(kinds), \"count\": N}")])
            }
            inject(fault)
            return plain(200, ["ok": true])
        case ("GET", "/__sim/requests"):
            return plain(200, .array(receivedRequests))
        case ("GET", "/__sim/stats"):
            let (mints, connections, requests) = state.withLock { ($0.tokenMints, $0.connections, $0.requestCount) }
            return plain(200, ["tokenMints": .integer(mints), "connections": .integer(connections), "requests": .integer(requests)])
        default:
            return plain(404, ["error": "unknown control route"])
        }
    }

    // MARK: - Rendering

    private static func json(_ organization: StoredOrganization) -> JSONValue {
        var details = JSONObject()
        for field in ContactField.allCases {
            details[field.rawValue] = organization.details[field.rawValue].map { .string(HTMLEntities.encode($0)) } ?? .null
        }
        return [
            "organizationId": .integer(organization.organizationId), "resid": .integer(organization.resid),
            "digicertOrganizationId": .string(organization.digicertOrganizationId), "details": .object(details),
            "tecid": .string(organization.tecid), "dtcreate": .string(organization.dtcreate),
            "dtmodify": .string(organization.dtmodify),
        ]
    }

    func success(_ data: JSONValue) -> SimulatedResponse {
        plain(200, ["code": "1000", "message": "Command completed successfully.", "data": data])
    }

    func envelopeError(status: Int, code: String, subCode: String, message: String, fieldErrors: [JSONValue]? = nil) -> SimulatedResponse {
        var object: JSONObject = JSONObject()
        object["code"] = .string(code)
        object["message"] = .string(message)
        object["error"] = ["subCode": .string(subCode), "message": .string(message)]
        if let fieldErrors { object["fieldErrors"] = .array(fieldErrors) }
        return plain(status, .object(object))
    }

    func springError(status: Int, path: String) -> SimulatedResponse {
        plain(status, [
            "timestamp": .string(clock()), "status": .integer(status),
            "error": status == 404 ? "Not Found" : "Method Not Allowed",
            "message": .string(status == 404 ? "No static resource \(path.dropFirst())." : "Request method not supported"),
            "path": .string(path),
        ])
    }

    func plain(_ status: Int, _ body: JSONValue) -> SimulatedResponse {
        var writer = JSONWriter()
        writer.write(body)
        return SimulatedResponse(status: status, body: writer.bytes)
    }

    /// The current UTC time as ISO 8601 with microseconds, as WebNIC writes `dtmodify`.
    package static func now() -> String {
        UTCTimestamp.now(fractionDigits: 6)
    }
}
