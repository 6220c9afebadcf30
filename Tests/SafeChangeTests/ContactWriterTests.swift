import Foundation
import JSONCore
@testable import SafeChange
import Synchronization
import Testing
import WebNIC
import WebNICSimulator

@Suite("ContactWriter against the in-process simulator")
struct ContactWriterTests {
    /// A writer over a fresh simulator, auditing to a fresh file.
    struct Harness {
        let simulator = WebNICSimulator()
        let writer: ContactWriter
        let auditPath: String

        init() throws {
            auditPath = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString).jsonl").path
            let client = WebNICClient(
                configuration: try ClientConfiguration(
                    baseURL: "https://oteapi.webnic.cc", credentials: .password(username: "sandbox", password: "sandbox-secret"),
                    timeout: .seconds(5), userAgent: "test", retryPolicy: RetryPolicy(maxRetries: 0)
                ),
                transport: SimulatorTransport(simulator: simulator), logger: .disabled
            )
            writer = ContactWriter(client: client, auditLog: try AuditLog(path: auditPath), outcomeName: { $0.kind.rawValue }, logger: .disabled)
        }

        var methods: [String] { simulator.receivedRequests.compactMap { $0["method"]?.stringValue } }
        var auditLines: [String] { ((try? String(contentsOfFile: auditPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }
    }

    static let origin = WriteOrigin(requestId: 1, method: "patchOrganizationContact")

    @Test("attempts are numbered across the read and the write, as progress needs them")
    func attemptNumbers() async throws {
        let harness = try Harness()
        let seen = Mutex<[Int]>([])
        let result = try await harness.writer.patch(
            ContactPatch(edits: [.city: .set("Ipoh")]), organizationId: 5, expectedModifiedAt: nil, dryRun: false, origin: Self.origin,
            onAttempt: { attempt in seen.withLock { $0.append(attempt) } }
        )
        #expect(seen.withLock { $0 } == [1, 2])
        #expect(result.attempts == 2)
        guard case .written(let record, let changes) = result.outcome else { Issue.record("not written: \(result.outcome)"); return }
        #expect(record.contact[.city] == "Ipoh")
        #expect(changes == [FieldChange(field: "organization.city", before: "Bukit Jalil 2", after: "Ipoh")])
        #expect(harness.methods == ["POST", "GET", "PUT"])
        #expect(harness.auditLines.count == 2)
    }

    @Test("a conflict stops before anything is written; the log records the refusal only")
    func conflict() async throws {
        let harness = try Harness()
        await #expect(throws: ChangeError.conflict(expected: "2024-01-01T00:00:00Z", current: "2025-01-13T12:52:01.973992Z", attempts: 1)) {
            try await harness.writer.patch(
                ContactPatch(edits: [.city: .set("Ipoh")]), organizationId: 5, expectedModifiedAt: "2024-01-01T00:00:00Z", dryRun: false,
                origin: Self.origin, onAttempt: nil
            )
        }
        #expect(harness.methods == ["POST", "GET"])
        // Nothing was written: the log holds the refusal only.
        let refusal = try #require(harness.auditLines.first.map { try JSONParser.parse($0) })
        #expect(harness.auditLines.count == 1)
        #expect(refusal["phase"] == "refused" && refusal["outcome"] == "conflict" && refusal["sent"] == false && refusal["organizationId"] == 5)
    }

    @Test("a replacement without expectedModifiedAt reads nothing; its dry run sends nothing at all")
    func replaceWithoutRead() async throws {
        let harness = try Harness()
        let update = ContactUpdate(organizationId: 5, organization: [.company: "X"], technicalContactId: nil)
        let planned = try await harness.writer.replace(update, expectedModifiedAt: nil, dryRun: true, origin: Self.origin, onAttempt: nil)
        guard case .planned(let request, let changes, let basis) = planned.outcome else { Issue.record("not planned"); return }
        #expect(request?.url == "https://oteapi.webnic.cc/ssl/v2/organization/5/contact/update" && changes == nil && basis == nil)
        #expect(harness.methods == [])
        #expect(planned.attempts == 0)
    }

    @Test("a write cancelled before it is sent sends nothing and records nothing")
    func cancelledBeforeSending() async throws {
        let harness = try Harness()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await harness.writer.patch(
                ContactPatch(edits: [.city: .set("Ipoh")]), organizationId: 5, expectedModifiedAt: nil, dryRun: false, origin: Self.origin,
                onAttempt: nil
            )
        }
        await #expect(throws: ChangeError.self) { try await task.value }
        #expect(harness.methods == [])
        #expect(harness.auditLines.isEmpty)
    }

    @Test("a write is outcome_unknown exactly when an attempt may have reached WebNIC unanswered; the log says so", arguments: [
        (Fault.Kind.http503, "upstream", 503),
        (.validation, "validation", 400),
        (.http504, "unknown", 504),
        (.notJSON, "unknown", 200),
        (.noData, "unknown", 200),
    ])
    func outcomeUnknown(fault: Fault.Kind, outcome: String, status: Int) async throws {
        let harness = try Harness()
        harness.simulator.inject(Fault(route: "updateOrganizationContact", kind: fault))
        do {
            _ = try await harness.writer.patch(
                ContactPatch(edits: [.city: .set("Ipoh")]), organizationId: 5, expectedModifiedAt: nil, dryRun: false, origin: Self.origin,
                onAttempt: nil
            )
            Issue.record("the write succeeded")
        } catch {
            switch error {
            case .outcomeUnknown(let failure):
                #expect(outcome == "unknown")
                #expect(failure.unconfirmed?.attempt == 2)
            case .webnic(let failure):
                #expect(outcome == failure.kind.rawValue)
                #expect(failure.unconfirmed == nil)
            default:
                Issue.record("unexpected \(error)")
            }
        }
        #expect(harness.methods == ["POST", "GET", "PUT"])
        let last = try #require(harness.auditLines.last)
        let record = try JSONParser.parse(Array(last.utf8))
        #expect(record["outcome"] == .string(outcome))
        #expect(record["httpStatus"] == .integer(Int64(status)))
    }
}
