import SafeChange
import WebNIC
import WebNICService
import WebNICSimulator

/// Everything one run of webnic-rpc is configured with, from its flags and `WEBNIC_*` variables
/// (flags win): the protocol mode and `doctor` read the same settings.
struct RunSettings {
    /// Whether the built-in simulator answers instead of WebNIC.
    let sandbox: Bool
    /// The WebNIC environment (meaningless in the sandbox).
    let environment: WebNICEnvironment
    /// The client's configuration: base URL, credentials, timeouts, routes.
    let client: ClientConfiguration
    /// Where the credentials came from, never the secret.
    let credentialSource: String
    /// How connections are made: address family and certificate authorities.
    let connection: ConnectionPolicy
    /// What may be touched and how writes are approved: read-only, `--confirm-writes`, the
    /// organization and field limits.
    let policy: WritePolicy
    /// Whether writes are refused.
    var readOnly: Bool { policy.readOnly }
    /// The WebNIC written to, for the audit log: `ote`, `production`, `custom` (another base URL) or `sandbox`.
    var environmentLabel: String {
        if sandbox { return "sandbox" }
        return client.baseURL == environment.baseURL ? environment.rawValue : "custom"
    }
    /// The WebNIC written to, for the person's questions: `OTE (oteapi.webnic.cc)`.
    var targetLabel: String {
        let host = client.hostAndPort
        switch environmentLabel {
        case "sandbox": return "sandbox (the built-in simulator; nothing leaves this process)"
        case "ote": return "OTE (\(host))"
        case "production": return "production (\(host))"
        default: return "at \(host)"
        }
    }
    /// The audit log's path, if any.
    let auditLogPath: String?
    /// The directory of the locks that serialize writes across processes.
    let lockDirectory: String
    /// The largest response body accepted from WebNIC.
    var maxResponseBytes = ResponseSize.defaultLimit
    /// Warnings to log at start (an ignored setting, a secret file others can read).
    let warnings: [String]

    /// The `User-Agent` of every request.
    static let userAgent = "webnic-rpc/\(OpenRPCDocument.version)"

    /// The settings `options` and `environment` give, or why they cannot be used.
    static func resolve(_ options: CommandLineOptions, environment: [String: String]) throws(UsageError) -> RunSettings {
        func variable(_ variable: EnvironmentVariable) -> String? { variable.value(in: environment) }
        let readOnlyByVariable = try switchVariable(.readOnly, in: environment)
        let confirmByVariable = try switchVariable(.confirmWrites, in: environment)
        var organizations = options.organizations
        if organizations == nil, let text = variable(.organizations) {
            organizations = try CommandLineOptions.organizationList(text, setting: EnvironmentVariable.organizations.rawValue)
        }
        var writableFields = options.writableFields
        if writableFields == nil, let text = variable(.writableFields) {
            writableFields = try CommandLineOptions.fieldList(text, setting: EnvironmentVariable.writableFields.rawValue)
        }
        let policy = WritePolicy(
            readOnly: options.readOnly || readOnlyByVariable, confirmWrites: options.confirmWrites || confirmByVariable,
            organizations: organizations, writableFields: writableFields
        )
        let auditLogPath = options.auditLogPath ?? variable(.auditLog)
        let lockDirectory = options.lockDirectory ?? variable(.lockDirectory) ?? OrganizationLocks.defaultDirectory(environment: environment)
        let retryPolicy = RetryPolicy(
            maxRetries: options.retries, baseDelay: duration(options.retryBackoffSeconds),
            maxRetryAfter: duration(options.maxRetryAfterSeconds)
        )
        let timeout = duration(options.timeoutSeconds)
        var settings = try resolveConnection(
            options, environment: environment, policy: policy, auditLogPath: auditLogPath, lockDirectory: lockDirectory,
            retryPolicy: retryPolicy, timeout: timeout
        )
        settings.maxResponseBytes = options.maxResponseBytes
        return settings
    }

    /// The settings of the WebNIC called: the sandbox's, or the environment, base URL, credentials
    /// and connection the options and variables give.
    private static func resolveConnection(
        _ options: CommandLineOptions, environment: [String: String], policy: WritePolicy, auditLogPath: String?, lockDirectory: String,
        retryPolicy: RetryPolicy, timeout: Duration
    ) throws(UsageError) -> RunSettings {
        func variable(_ variable: EnvironmentVariable) -> String? { variable.value(in: environment) }
        if options.sandbox {
            let ignored = ignoredInSandbox(options, environment: environment)
            return RunSettings(
                sandbox: true, environment: .ote,
                client: try configuration { () throws(ConfigurationError) in
                    try ClientConfiguration(
                        baseURL: Sandbox.baseURL,
                        credentials: .password(username: SimulatorSettings.sandboxUsername, password: SimulatorSettings.sandboxPassword),
                        timeout: timeout, userAgent: userAgent, retryPolicy: retryPolicy
                    )
                },
                credentialSource: "the sandbox's own", connection: ConnectionPolicy(), policy: policy, auditLogPath: auditLogPath,
                lockDirectory: lockDirectory,
                warnings: ignored.isEmpty ? [] : ["sandbox mode ignores \(ignored.joined(separator: ", "))"]
            )
        }
        let webnicEnvironment: WebNICEnvironment
        if let chosen = options.environment {
            webnicEnvironment = chosen
        } else if let name = variable(.environment) {
            guard let named = WebNICEnvironment(name: name) else {
                throw UsageError("\(EnvironmentVariable.environment) expects ote or production, got \(name.debugDescription).")
            }
            webnicEnvironment = named
        } else {
            webnicEnvironment = .ote
        }
        let credentials = try CredentialSource.resolve(environment)
        // SSL_CERT_FILE and SSL_CERT_DIR are OpenSSL's (libcurl's, on Linux); URLSession knows nothing of them.
        #if WEBNIC_LIBCURL
        let systemCAFile = variable(.systemCAFile), systemCADirectory = variable(.systemCADirectory)
        #else
        let systemCAFile: String? = nil, systemCADirectory: String? = nil
        #endif
        let caFile = options.caFile ?? variable(.caFile) ?? systemCAFile
        let caFileSetting = options.caFile != nil ? "--ca-file" : variable(.caFile) != nil ? EnvironmentVariable.caFile.rawValue : EnvironmentVariable.systemCAFile.rawValue
        if let caFile {
            try SecretFile.requireReadable(caFile, variable: caFileSetting)
        }
        let client = try configuration { () throws(ConfigurationError) in
            try ClientConfiguration(
                baseURL: options.baseURL ?? variable(.baseURL) ?? webnicEnvironment.baseURL, credentials: credentials.credentials,
                timeout: timeout, userAgent: userAgent, retryPolicy: retryPolicy,
                routes: try RouteTable(getOrganizationPath: options.getOrganizationPath ?? variable(.getOrganizationPath))
            )
        }
        if options.preferIPv4, client.host.contains(":") {
            throw UsageError("--ipv4 cannot be used with an IPv6 address in the base URL ([\(client.host)]).")
        }
        let connection = ConnectionPolicy(ipv4Only: options.preferIPv4, caFile: caFile, caDirectory: systemCADirectory)
        if let refusal = PlatformTransport.refusal(of: connection, caFileSetting: caFileSetting) { throw refusal }
        return RunSettings(
            sandbox: false, environment: webnicEnvironment, client: client, credentialSource: credentials.description,
            connection: connection, policy: policy, auditLogPath: auditLogPath, lockDirectory: lockDirectory, warnings: credentials.warnings
        )
    }

    /// `seconds` as a `Duration`, to the millisecond.
    static func duration(_ seconds: Double) -> Duration { .milliseconds(Int64((seconds * 1000).rounded())) }

    /// A switch variable (`WEBNIC_READ_ONLY`, `WEBNIC_CONFIRM_WRITES`): `1` or `true` (any case)
    /// turn it on, `0`, `false` or nothing leave it off; anything else is a usage error.
    private static func switchVariable(_ variable: EnvironmentVariable, in environment: [String: String]) throws(UsageError) -> Bool {
        switch variable.value(in: environment)?.lowercased() {
        case nil, "0", "false": return false
        case "1", "true": return true
        case let other?: throw UsageError("\(variable) expects 1, true, 0 or false, got \(other.debugDescription).")
        }
    }

    /// The WebNIC connection settings present, which the sandbox does not use.
    private static func ignoredInSandbox(_ options: CommandLineOptions, environment: [String: String]) -> [String] {
        var ignored: [String] = []
        if options.environment != nil { ignored.append("--env") }
        if options.baseURL != nil { ignored.append("--base-url") }
        if options.preferIPv4 { ignored.append("--ipv4") }
        if options.caFile != nil { ignored.append("--ca-file") }
        if options.getOrganizationPath != nil { ignored.append("--get-organization-path") }
        let variables = EnvironmentVariable.allCases.filter { $0.isConnectionSetting && $0.value(in: environment) != nil }
        return ignored + variables.map(\.rawValue)
    }

    /// Runs `make`, turning its configuration error into a usage error.
    private static func configuration<T>(_ make: () throws(ConfigurationError) -> T) throws(UsageError) -> T {
        do throws(ConfigurationError) {
            return try make()
        } catch {
            throw UsageError(error.message)
        }
    }
}
