/// A WebNIC environment: OTE for testing, or production. Credentials belong to one environment.
package enum WebNICEnvironment: String, Sendable, CaseIterable {
    /// The test environment: sends no e-mails, unlimited balance.
    case ote
    /// The live environment.
    case production

    /// The environment named `name`, in any case (`ote`, `OTE`, `Production`).
    package init?(name: String) {
        self.init(rawValue: name.lowercased())
    }

    /// The environment's documented base URL.
    package var baseURL: String {
        switch self {
        case .ote: return "https://oteapi.webnic.cc"
        case .production: return "https://api.webnic.cc"
        }
    }
}
