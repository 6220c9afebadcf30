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
        let username = nonEmpty(environment["WEBNIC_USERNAME"])
        let password = try secret(environment, name: "WEBNIC_PASSWORD", warnings: &warnings)
        let token = try secret(environment, name: "WEBNIC_TOKEN", warnings: &warnings)
        if let token {
            if username != nil || password != nil {
                throw UsageError("set either WEBNIC_TOKEN or WEBNIC_USERNAME and WEBNIC_PASSWORD, not both.")
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
            throw UsageError("WEBNIC_PASSWORD is set but WEBNIC_USERNAME is not.")
        case (_, nil):
            throw UsageError("WEBNIC_USERNAME is set but WEBNIC_PASSWORD (or WEBNIC_PASSWORD_FILE) is not.")
        }
    }

    /// The secret `name` or `name_FILE` holds, and which of them it came from.
    private static func secret(
        _ environment: [String: String], name: String, warnings: inout [String]
    ) throws(UsageError) -> (text: String, source: String)? {
        let direct = nonEmpty(environment[name])
        guard let path = nonEmpty(environment["\(name)_FILE"]) else { return direct.map { ($0, name) } }
        if direct != nil { throw UsageError("set either \(name) or \(name)_FILE, not both.") }
        let file = try SecretFile.load(path, variable: "\(name)_FILE")
        if file.isReadableByOthers {
            warnings.append("\(name)_FILE \(path) can be read by other users than its owner; run: chmod 600 \(path)")
        }
        return (file.text, "\(name)_FILE (\(path))")
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
