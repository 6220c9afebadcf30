/// How the client authenticates. Its descriptions never show a secret.
package enum Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// An API user and secret, exchanged for a token at the token endpoint.
    case password(username: String, password: String)
    /// A token minted elsewhere, sent as it is.
    case token(String)

    /// What kind of credentials these are, without any secret.
    package var description: String {
        switch self {
        case .password(let username, _): return "API user \(username) (password redacted)"
        case .token: return "fixed token (redacted)"
        }
    }

    /// The same as `description`: no secret.
    package var debugDescription: String { description }
}
