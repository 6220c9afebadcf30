import JSONCore
import MCP
import Platform
import SafeChange
import Synchronization
import WebNIC

/// The person's approval of a write: the question put to them, and (2026-07-28) the plans waiting
/// for an answer, kept in this process behind unguessable ids.
///
/// A `requestState` is attacker-controlled input: it only names an entry here. An entry is bound
/// to the method and its exact params, lives five minutes, and is used once (taken on first use,
/// matching or not); the plan it holds is what was shown, and only that is ever sent.
final class WriteApproval: Sendable {
    /// Where writes go, for the question: `OTE (oteapi.webnic.cc)`.
    let target: String
    private let pending = Mutex<[String: Pending]>([:])
    private let lifetime: Duration

    /// A plan shown to the person, waiting for their answer.
    struct Pending: Sendable {
        let method: String
        let params: JSONValue?
        let plan: ChangePlan
        let askedAt: String
        let expires: ContinuousClock.Instant
    }

    /// The most plans kept waiting for an answer at once: past it, the oldest is forgotten.
    static let maxPending = 256

    /// The key of the one question in an `input_required` result.
    static let questionKey = "approval"

    /// Approvals of writes to `target`, each waiting at most `lifetime`.
    init(target: String, lifetime: Duration = .seconds(300)) {
        self.target = target
        self.lifetime = lifetime
    }

    /// The question for `plan`: where the write goes, the organization, each change as
    /// `field: before → after`; one required boolean, `approve`, false by default.
    func question(_ plan: ChangePlan) -> ElicitationQuestion {
        func shown(_ value: String?) -> String { value.map { "\"\($0)\"" } ?? "(none)" }
        var lines = ["Send this change to WebNIC \(target)?"]
        let company = plan.basis.contact[.company].map { " (\($0))" } ?? ""
        lines.append("Organization \(plan.basis.organizationId)\(company):")
        for change in plan.changes {
            lines.append("- \(change.field): \(shown(change.before)) → \(shown(change.after))")
        }
        if plan.changes.isEmpty { lines.append("- no field changes; the contact is sent again as it is") }
        lines.append("Nothing is sent unless you approve.")
        let approve: JSONValue = [
            "type": "boolean", "title": "Approve this write",
            "description": "Send exactly this change to WebNIC.", "default": false,
        ]
        let schema: JSONValue = ["type": "object", "properties": ["approve": approve], "required": ["approve"]]
        return ElicitationQuestion(message: lines.joined(separator: "\n"), requestedSchema: schema.objectValue ?? JSONObject())
    }

    /// Keeps `plan`, asked for by `method` with `params`, until the answer comes; returns its state id.
    func hold(_ plan: ChangePlan, method: String, params: JSONValue?, askedAt: String) -> String {
        let id = RandomID.make()
        let now = ContinuousClock.now
        pending.withLock { pending in
            pending = pending.filter { $0.value.expires > now }
            // A client that never answers cannot make the process hold plans without end.
            while pending.count >= Self.maxPending, let oldest = pending.min(by: { $0.value.expires < $1.value.expires })?.key {
                pending[oldest] = nil
            }
            pending[id] = Pending(method: method, params: params, plan: plan, askedAt: askedAt, expires: now + lifetime)
        }
        return id
    }

    /// The plan held under `state` for `method` with exactly `params`, taken so that it cannot be
    /// used again; nil (and nothing kept) when the state is unknown, expired, already used, or
    /// presented with another method or other params.
    func take(_ state: String, method: String, params: JSONValue?) -> Pending? {
        guard let entry = pending.withLock({ $0.removeValue(forKey: state) }) else { return nil }
        guard entry.expires > ContinuousClock.now, entry.method == method, entry.params == params else { return nil }
        return entry
    }

    /// What an answer means: approved, or how the person said no; nil when it is no answer at all.
    static func verdict(_ answer: ElicitationAnswer) -> Verdict {
        switch answer {
        case .accept(let content):
            return content["approve"] == true ? .approved : .declined("approve was \(content["approve"]?.jsonText ?? "not given")")
        case .decline: return .declined("the person declined")
        case .cancel: return .declined("the person dismissed the question")
        case .failed(let reason): return .unanswered(reason)
        case .sessionEnded: return .abandoned
        }
    }

    /// What an answer decides.
    enum Verdict: Equatable {
        case approved
        case declined(String)
        case unanswered(String)
        /// The session ended before any answer could come.
        case abandoned
    }
}
