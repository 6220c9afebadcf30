import JSONCore

/// What a client said of itself in `initialize`: its `clientInfo`, and whether it declared form
/// elicitation.
struct HandshakeClient: Sendable {
    let info: JSONObject?
    let canElicitForm: Bool

    init(params: JSONValue?) {
        info = params?["clientInfo"]?.objectValue
        canElicitForm = Self.canElicitForm(params?["capabilities"]?.objectValue)
    }

    /// Whether `capabilities` declare form elicitation: `elicitation: {}` (form only) or with `form`.
    static func canElicitForm(_ capabilities: JSONObject?) -> Bool {
        guard let elicitation = capabilities?["elicitation"]?.objectValue else { return false }
        return elicitation.isEmpty || elicitation["form"] != nil
    }
}
