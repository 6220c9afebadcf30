import Log
import WebNIC
import WebNICService

extension CommandLineOption {
    /// Every option, in the order `--help` lists them: the parser, the defaults shown and `--help`
    /// come from this table.
    static var all: [CommandLineOption] {
        [
            choice(
                "--output", value: "json|text", scope: .call(example: "text"),
                help: "text: an organization as field: value lines, a change as field: before → after lines, an error as one line.",
                shownDefault: nil, choices: CallOutput.Format.allCases.map(\.rawValue), make: CallOutput.Format.init(rawValue:), sets: \.output
            ),
            CommandLineOption(
                flags: ["--organization-id"], value: "N", help: "Also read organization N, and look for Get Organization Info's path.",
                shownDefault: nil, scope: .doctor
            ) { options, text throws(UsageError) in
                guard let id = Int64(text), id > 0 else {
                    throw UsageError("--organization-id expects a whole number from 1, got \(text.debugDescription).")
                }
                options.organizationId = id
            },
            flag("--json", scope: .doctor, help: "Print one JSON object instead of lines.", sets: \.json),
            flag(
                "--sandbox",
                help: """
                Answer from the built-in WebNIC simulator: no credentials, no network. Every WebNIC connection setting, flag \
                or variable (environment, base URL, credentials, IPv4, CA file, Get Organization Info path) is then ignored, \
                with a warning naming each.
                """,
                sets: \.sandbox
            ),
            CommandLineOption(
                flags: ["--env"], value: "ote|production", help: "WebNIC environment, any case.", shownDefault: "\(EnvironmentVariable.environment.reference), else ote",
                scope: .everyCommand
            ) { options, text throws(UsageError) in
                guard let environment = WebNICEnvironment(name: text) else {
                    throw UsageError("--env expects ote or production, got \(text.debugDescription).")
                }
                options.environment = environment
            },
            text(
                "--base-url", value: "URL", help: "Override the environment's base URL. https only, except http on a loopback host.",
                shownDefault: EnvironmentVariable.baseURL.reference, sets: \.baseURL
            ),
            seconds("--timeout", help: "Most time one request may take, all HTTP attempts included", range: 0.001...3600, sets: \.timeoutSeconds),
            integer(
                "--max-in-flight", help: "Requests run at once, batch members each counting; more wait their turn, up to 1024 read ahead",
                range: 1...1024, sets: \.maxInFlight
            ),
            integer("--max-message-bytes", help: "Longest request line accepted", range: 256...(256 << 20), sets: \.maxMessageBytes),
            integer("--max-batch", help: "Most requests in one batch", range: 1...100_000, sets: \.maxBatch),
            integer(
                "--max-response-bytes",
                help: "Largest answer accepted from WebNIC (its answers are a few KiB); a larger one, declared or not, is refused while it arrives",
                range: ResponseSize.allowed, sets: \.maxResponseBytes
            ),
            integer("--retries", help: "Retries of a failed idempotent call after network, timeout, 5xx or 429", range: 0...10, sets: \.retries),
            seconds("--retry-backoff", help: "First backoff, doubling per retry, with full jitter", range: 0...60, sets: \.retryBackoffSeconds),
            seconds("--max-retry-after", help: "Longest Retry-After honoured; longer fails at once", range: 0...3600, sets: \.maxRetryAfterSeconds),
            seconds(
                "--shutdown-grace", help: "After SIGTERM or SIGINT, time for running requests to finish", range: 0...3600,
                sets: \.shutdownGraceSeconds
            ),
            flag("--ipv4", help: "Connect to WebNIC over IPv4 only (its IP allow list is IPv4-only). Linux only: refused on macOS.", sets: \.preferIPv4),
            path(
                "--ca-file",
                help: """
                Verify WebNIC's certificate against the CA certificates (PEM) in PATH instead of the system's. Verification \
                is never turned off. Linux only: refused on macOS (add the CA to the keychain).
                """,
                shownDefault: "\(EnvironmentVariable.caFile.reference), else \(EnvironmentVariable.systemCAFile.reference)", sets: \.caFile
            ),
            text(
                "--get-organization-path", value: "TEMPLATE",
                help: """
                Get Organization Info's path, holding {organizationId} once (in a segment or the query), in place of the \
                assumed /ssl/v2/organization/{organizationId}; webnic-rpc doctor finds it.
                """,
                shownDefault: EnvironmentVariable.getOrganizationPath.reference, sets: \.getOrganizationPath
            ),
            flag(
                "--read-only", help: "Refuse every write before any network call; reads and dry runs work.", variable: .readOnly,
                sets: \.readOnly
            ),
            flag(
                "--confirm-writes",
                help: """
                Send each write from an MCP tool only once the person approves it through an MCP question (elicitation); \
                writes from JSON-RPC and from clients that cannot show questions are refused with approval_required.
                """,
                variable: .confirmWrites, sets: \.confirmWrites
            ),
            CommandLineOption(
                flags: ["--organizations"], value: "ID,...",
                help: "Only these organizations may be named by any call; others are refused with out_of_scope before anything is sent.",
                shownDefault: EnvironmentVariable.organizations.reference, scope: .everyCommand
            ) { options, text throws(UsageError) in
                options.organizations = try CommandLineOptions.organizationList(text, setting: "--organizations")
            },
            CommandLineOption(
                flags: ["--writable-fields"], value: "NAME,...",
                help: "A write may change only these contact fields (and technicalContactId); others are refused with out_of_scope.",
                shownDefault: EnvironmentVariable.writableFields.reference, scope: .everyCommand
            ) { options, text throws(UsageError) in
                options.writableFields = try CommandLineOptions.fieldList(text, setting: "--writable-fields")
            },
            path(
                "--audit-log",
                help: """
                Append a JSON line for each write before it is sent and when it ends, and for each write refused (created \
                0600, synced). Holds contact data.
                """,
                shownDefault: EnvironmentVariable.auditLog.reference, sets: \.auditLogPath
            ),
            path(
                "--lock-dir", value: "DIR",
                help: "Where the locks live that serialize writes to one organization with the other webnic-rpc processes of this user on this machine.",
                shownDefault: "\(EnvironmentVariable.lockDirectory.reference), else $XDG_RUNTIME_DIR/webnic-rpc, else a private directory under $TMPDIR or /tmp",
                sets: \.lockDirectory
            ),
            CommandLineOption(
                flags: ["--log-level"], value: "LEVEL", help: "\(listed(LogLevel.allCases.map(\.name), last: "or")).",
                shownDefault: CommandLineOptions().logLevel.name, scope: .everyCommand
            ) { options, text throws(UsageError) in
                guard let level = LogLevel(name: text) else {
                    throw UsageError("--log-level expects \(listed(LogLevel.allCases.map(\.name), last: "or")), got \(text.debugDescription).")
                }
                options.logLevel = level
                options.logLevelGiven = true
            },
            choice(
                "--log-format", value: "FORMAT", help: "text or json.", shownDefault: CommandLineOptions().logFormat.rawValue,
                choices: StreamLogHandler.Format.allCases.map(\.rawValue), make: StreamLogHandler.Format.init(rawValue:), sets: \.logFormat
            ),
            flag("--version", help: "Print the version and exit.", sets: \.showVersion),
            flag("--help", "-h", help: "Print this help and exit.", sets: \.showHelp),
        ]
    }
}
