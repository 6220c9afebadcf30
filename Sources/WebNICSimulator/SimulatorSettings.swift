/// How a simulator behaves: the credentials it accepts and how long its tokens live.
public struct SimulatorSettings: Sendable {
    /// The API user the token endpoint accepts.
    public var username: String
    /// The API secret the token endpoint accepts.
    public var password: String
    /// Seconds a minted token stays valid (WebNIC: 3600).
    public var tokenLifetime: Int
    /// The organizations the simulator starts with.
    public var organizations: [StoredOrganization]
    /// Technical contact ids that exist.
    public var technicalContacts: Set<String>

    /// Settings; by default the sandbox credentials, WebNIC's token lifetime and the seed data.
    public init(
        username: String = SimulatorSettings.sandboxUsername, password: String = SimulatorSettings.sandboxPassword,
        tokenLifetime: Int = 3600, organizations: [StoredOrganization] = StoredOrganization.seeds,
        technicalContacts: Set<String> = ["SSL10619T", "WNC970363T", "SSL20001T"]
    ) {
        self.username = username
        self.password = password
        self.tokenLifetime = tokenLifetime
        self.organizations = organizations
        self.technicalContacts = technicalContacts
    }

    /// The API user of the sandbox: not a secret, it opens nothing but the simulator.
    public static let sandboxUsername = "sandbox"
    /// The API secret of the sandbox: not a secret, it opens nothing but the simulator.
    public static let sandboxPassword = "sandbox-secret"
}
