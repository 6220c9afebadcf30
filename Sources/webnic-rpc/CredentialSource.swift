import WebNIC

/// WebNIC credentials as the environment gives them: user and secret, or a fixed token, each
/// directly or from a file (`…_FILE`), with where they came from (never the secret itself).
///
/// Missing credentials are not an error here: calls that need WebNIC then fail with a
/// `configuration` error, while discovery and dry runs still work.
struct CredentialSource {
    /// The credentials, `nil` when none are set.
    let credentials: Credentials?
    /// Where they came from, for example "API user jdoe, password from WEBNIC_PASSWORD_FILE (/home/jdoe/.webnic)".
    let description: String
    /// Warnings to log at start, such as a secret file others can read.
    let warnings: [String]

    /// The credentials `environment` sets, or a usage error when a setting cannot be used.
    static func resolve(_ environment: [String: String]) throws(UsageError) -> CredentialSource {
        var warnings: [String] = []
        let username = EnvironmentVariable.username.value(in: environment)
        let password = try secret(environment, .password, file: .passwordFile, warnings: &warnings)
        let token = try secret(environment, .token, file: .tokenFile, warnings: &warnings)
        if let token {
            if username != nil || password != nil {
                throw UsageError("set either \(EnvironmentVariable.token) or \(EnvironmentVariable.username) and \(EnvironmentVariable.password), not both.")
            }
            // A line break in a header value would let it start another header.
            guard !token.text.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
                throw UsageError("\(token.source) holds a line break inside the token; a bearer token is one line.")
            }
            return CredentialSource(credentials: .token(token.text), description: "fixed token from \(token.source)", warnings: warnings)
        }
        switch (username, password) {
        case (let username?, let password?):
            return CredentialSource(
                credentials: .password(username: username, password: password.text),
                description: "API user \(username), password from \(password.source)", warnings: warnings
            )
        case (nil, nil):
            return CredentialSource(credentials: nil, description: "none", warnings: warnings)
        case (nil, _):
            throw UsageError("\(EnvironmentVariable.password) is set but \(EnvironmentVariable.username) is not.")
        case (_, nil):
            throw UsageError("\(EnvironmentVariable.username) is set but \(EnvironmentVariable.password) (or \(EnvironmentVariable.passwordFile)) is not.")
        }
    }

    /// The secret `direct` or `file` holds, and which of them it came from.
    private static func secret(
        _ environment: [String: String], _ direct: EnvironmentVariable, file: EnvironmentVariable, warnings: inout [String]
    ) throws(UsageError) -> (text: String, source: String)? {
        let value = direct.value(in: environment)
        guard let path = file.value(in: environment) else { return value.map { ($0, direct.rawValue) } }
        if value != nil { throw UsageError("set either \(direct) or \(file), not both.") }
        let secretFile = try SecretFile.load(path, variable: file.rawValue)
        if secretFile.isReadableByOthers {
            warnings.append("\(file) \(path) can be read by other users than its owner; run: chmod 600 \(path)")
        }
        return (secretFile.text, "\(file) (\(path))")
    }
}
