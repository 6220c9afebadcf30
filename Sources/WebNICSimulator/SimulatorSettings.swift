import WebNIC

/// How a simulator behaves: the credentials it accepts, how long its tokens live, what it holds and where it answers.
package struct SimulatorSettings: Sendable {
    /// The API user the token endpoint accepts.
    package var username: String
    /// The API secret the token endpoint accepts.
    package var password: String
    /// Seconds a minted token stays valid (WebNIC: 3600).
    package var tokenLifetime: Int
    /// The organizations the simulator starts with.
    package var organizations: [StoredOrganization]
    /// Technical contact ids that exist.
    package var technicalContacts: Set<String>
    /// Where each route is served; Get Organization Info may be put at another path, as WebNIC's
    /// real one might be, so that a client's override and a diagnosis can be tried.
    package var routes: RouteTable

    /// Settings; by default the sandbox credentials, WebNIC's token lifetime and the seed data.
    package init(
        username: String = SimulatorSettings.sandboxUsername, password: String = SimulatorSettings.sandboxPassword,
        tokenLifetime: Int = 3600, organizations: [StoredOrganization] = StoredOrganization.seeds,
        technicalContacts: Set<String> = ["SSL10619T", "WNC970363T", "SSL20001T"], routes: RouteTable = RouteTable()
    ) {
        self.username = username
        self.password = password
        self.tokenLifetime = tokenLifetime
        self.organizations = organizations
        self.technicalContacts = technicalContacts
        self.routes = routes
    }

    /// The API user of the sandbox: not a secret, it opens nothing but the simulator.
    package static let sandboxUsername = "sandbox"
    /// The API secret of the sandbox: not a secret, it opens nothing but the simulator.
    package static let sandboxPassword = "sandbox-secret"
}
