/// A variable of the environment webnic-rpc reads, and what `--help` says of it: the one list the
/// Environment section of `--help`, the settings' readers, the defaults `--help` shows and the
/// sandbox's warning all name variables from.
enum EnvironmentVariable: String, CaseIterable, CustomStringConvertible {
    case environment = "WEBNIC_ENV"
    case baseURL = "WEBNIC_BASE_URL"
    case username = "WEBNIC_USERNAME"
    case password = "WEBNIC_PASSWORD"
    case passwordFile = "WEBNIC_PASSWORD_FILE"
    case token = "WEBNIC_TOKEN"
    case tokenFile = "WEBNIC_TOKEN_FILE"
    case caFile = "WEBNIC_CA_FILE"
    case getOrganizationPath = "WEBNIC_GET_ORGANIZATION_PATH"
    case readOnly = "WEBNIC_READ_ONLY"
    case confirmWrites = "WEBNIC_CONFIRM_WRITES"
    case organizations = "WEBNIC_ORGANIZATIONS"
    case writableFields = "WEBNIC_WRITABLE_FIELDS"
    case auditLog = "WEBNIC_AUDIT_LOG"
    case lockDirectory = "WEBNIC_LOCK_DIR"
    case systemCAFile = "SSL_CERT_FILE"
    case systemCADirectory = "SSL_CERT_DIR"
    case httpsProxy = "https_proxy"
    case noProxy = "no_proxy"

    /// The option it stands in for when that is not given, or nil.
    var option: String? {
        switch self {
        case .environment: "--env"
        case .baseURL: "--base-url"
        case .caFile: "--ca-file"
        case .getOrganizationPath: "--get-organization-path"
        case .readOnly: "--read-only"
        case .confirmWrites: "--confirm-writes"
        case .organizations: "--organizations"
        case .writableFields: "--writable-fields"
        case .auditLog: "--audit-log"
        case .lockDirectory: "--lock-dir"
        default: nil
        }
    }

    /// What `--help` says of it.
    var help: String {
        switch self {
        case .username: "The API user; a token is minted from it and \(Self.password.rawValue), and cached."
        case .password: "The API user's secret."
        case .passwordFile:
            "Read the secret from this file instead (better: the environment of a process can be read while it runs)."
        case .token: "A fixed bearer token, instead of API user and secret."
        case .tokenFile: "Read the token from this file instead."
        case .readOnly, .confirmWrites: "As \(option ?? ""): 1 or true turn it on, 0 or false leave it off."
        case .systemCAFile:
            "Linux: the CA certificates (PEM) WebNIC's certificate is verified against when neither --ca-file nor \(Self.caFile.rawValue) is given, as OpenSSL tools read it."
        case .systemCADirectory: "Linux: a directory of CA certificates, trusted as OpenSSL tools trust it."
        case .httpsProxy: "A proxy for WebNIC, as libcurl reads it; a loopback host is never reached through a proxy."
        case .noProxy: "Hosts reached without the proxy, as libcurl reads them."
        default: "As \(option ?? "")."
        }
    }

    /// Whether it says which WebNIC to reach and how: the sandbox ignores it, with a warning.
    var isConnectionSetting: Bool {
        switch self {
        case .username, .password, .passwordFile, .token, .tokenFile, .environment, .baseURL, .caFile, .getOrganizationPath: true
        default: false
        }
    }

    /// Its name, as messages write it.
    var description: String { rawValue }

    /// `$NAME`, as a default shown in `--help`.
    var reference: String { "$" + rawValue }

    /// Its value in `environment`; nil when it is unset or empty.
    func value(in environment: [String: String]) -> String? {
        environment[rawValue].flatMap { $0.isEmpty ? nil : $0 }
    }
}
