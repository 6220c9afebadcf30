import Foundation
import WebNIC

/// Reads WebNIC credentials from the environment: user and secret, or a fixed token, each
/// directly or from a file (`…_FILE`). Missing credentials are not an error here: calls that
/// need WebNIC then fail with a `configuration` error, while discovery and dry runs still work.
enum CredentialSource {
    /// The credentials, `nil` when none are set, or a usage error when a setting cannot be used.
    static func resolve(_ environment: [String: String]) throws(CommandLineOptions.UsageError) -> Credentials? {
        let username = nonEmpty(environment["WEBNIC_USERNAME"])
        let password = try secret(environment, name: "WEBNIC_PASSWORD")
        let token = try secret(environment, name: "WEBNIC_TOKEN")
        if let token {
            if username != nil || password != nil {
                throw .init(message: "set either WEBNIC_TOKEN or WEBNIC_USERNAME and WEBNIC_PASSWORD, not both.")
            }
            return .token(token)
        }
        switch (username, password) {
        case (let username?, let password?): return .password(username: username, password: password)
        case (nil, nil): return nil
        case (nil, _): throw .init(message: "WEBNIC_PASSWORD is set but WEBNIC_USERNAME is not.")
        case (_, nil): throw .init(message: "WEBNIC_USERNAME is set but WEBNIC_PASSWORD (or WEBNIC_PASSWORD_FILE) is not.")
        }
    }

    private static func secret(_ environment: [String: String], name: String) throws(CommandLineOptions.UsageError) -> String? {
        let direct = nonEmpty(environment[name])
        guard let path = nonEmpty(environment["\(name)_FILE"]) else { return direct }
        if direct != nil { throw .init(message: "set either \(name) or \(name)_FILE, not both.") }
        guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .init(message: "\(name)_FILE names \(path.debugDescription), which cannot be read.")
        }
        var text = contents
        while text.last?.isNewline == true { text.removeLast() }
        guard !text.isEmpty else { throw .init(message: "\(name)_FILE names \(path.debugDescription), which is empty.") }
        return text
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
