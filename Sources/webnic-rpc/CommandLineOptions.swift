import Diagnostics
import WebNIC
import WebNICBridge

/// The command line of `webnic-rpc`, parsed. Flags override environment variables.
struct CommandLineOptions {
    /// What the run does.
    enum Command: Equatable {
        /// Speak JSON-RPC and MCP on stdin and stdout.
        case serve
        /// Check the way to WebNIC, print a report and exit.
        case doctor
        /// Make one call, print its result and exit with a status by its outcome.
        case call(method: String, arguments: [String])
    }

    var command = Command.serve
    var environment: WebNICEnvironment?
    var baseURL: String?
    var timeoutSeconds: Double = 30
    var maxInFlight = 16
    var maxMessageBytes = 1 << 20
    var maxBatch = 100
    var maxResponseBytes = ResponseSize.defaultLimit
    var retries = 2
    var maxRetryAfterSeconds: Double = 30
    var retryBackoffSeconds: Double = 0.25
    var shutdownGraceSeconds: Double = 10
    var preferIPv4 = false
    var readOnly = false
    var confirmWrites = false
    var organizations: [Int64]?
    var writableFields: [String]?
    var auditLogPath: String?
    var lockDirectory: String?
    var getOrganizationPath: String?
    var caFile: String?
    var logLevel: LogLevel = .info
    /// Whether `--log-level` was given (`call` logs only errors unless it is).
    var logLevelGiven = false
    var output = CallOutput.Format.json
    var logFormat: StreamLogHandler.Format = .text
    var sandbox = false
    var showVersion = false
    var showHelp = false
    var organizationId: Int64?
    var json = false

    /// The usage text printed by `--help`: the options, then the methods, tools and error
    /// categories, listed from the types that serve them.
    static var usage: String {
        let methods = WebNICMethods.methodNames.joined(separator: ", ")
        let tools = WebNICTools.toolNames.joined(separator: ", ")
        let categories = ErrorCategory.allCases.map { "  \($0.rawValue) \($0.code.rawValue)" }.joined(separator: "\n")
        return options + """

        Exit status of call:
        \(ExitStatus.help)

        Methods (JSON-RPC 2.0, params by name; rpc.discover returns the whole contract):
          \(methods)
          For example: {"jsonrpc":"2.0","id":1,"method":"getOrganization","params":{"organizationId":5}}

        MCP tools (for a client that opens with initialize or server/discover):
          \(tools)

        Error categories (error.data.category, and the code):
        \(categories)
        """
    }

    private static let options = """
    Usage: webnic-rpc [options]
           webnic-rpc call METHOD [ARGS...] [--output json|text] [options]
           webnic-rpc doctor [--organization-id N] [--json] [options]

    A line-delimited JSON-RPC 2.0 plugin for WebNIC's SSL organization API: one request per line
    on stdin, one response per line on stdout, logs on stderr (read or redirect it). Also an MCP
    server on the same stdio, for a client that opens with initialize or server/discover.

    Commands:
      call METHOD [ARGS...]     Make one call and print its result on stdout (indented on a
                                terminal, one line otherwise); exit with the status below. ARGS are
                                key=value pairs typed by the method's parameters (organizationId=5,
                                changes.zip=01234 stays text, dryRun=true), key:=JSON for a raw
                                value, a JSON object, or - for a JSON object on stdin. A failure
                                prints nothing on stdout; stderr names the category, the message
                                and the hint, and its last line is the error as JSON. Logs only
                                errors unless --log-level is given.
        --output json|text      text: an organization as field: value lines, a change as
                                field: before → after lines, an error as one line.
      doctor                    Check the way to WebNIC step by step with the settings below
                                (configuration, libcurl, DNS, connection, TLS, token, organization,
                                route), print one line per step and exit: 0 when every step that ran
                                passed, 1 otherwise, 2 for a usage error. Never writes to WebNIC.
        --organization-id N     Also read organization N, and look for Get Organization Info's path.
        --json                  Print one JSON object instead of lines.

    Options:
      --sandbox                 Answer from the built-in WebNIC simulator: no credentials, no network.
                                Every WebNIC connection setting, flag or variable (environment,
                                base URL, credentials, IPv4, CA file, Get Organization Info path) is
                                then ignored, with a warning naming each.
      --env ote|production      WebNIC environment, any case (default: $WEBNIC_ENV, else ote).
      --base-url URL            Override the environment's base URL (default: $WEBNIC_BASE_URL).
                                https only, except http on a loopback host.
      --timeout SECONDS         Most time one request may take, all HTTP attempts included:
                                0.001 to 3600 (default 30).
      --max-in-flight N         Requests run at once, batch members each counting: 1 to 1024
                                (default 16); more wait their turn, up to 1024 read ahead.
      --max-message-bytes N     Longest request line accepted: 256 to 268435456 (default 1048576).
      --max-batch N             Most requests in one batch: 1 to 100000 (default 100).
      --max-response-bytes N    Largest answer accepted from WebNIC (its answers are a few KiB); a
                                larger one, declared or not, is refused while it arrives: 65536 to
                                268435456 (default 1048576).
      --retries N               Retries of a failed idempotent call after network, timeout, 5xx or
                                429: 0 to 10 (default 2).
      --retry-backoff SECONDS   First backoff, doubling per retry, with full jitter: 0 to 60 (default 0.25).
      --max-retry-after SECONDS Longest Retry-After honoured; longer fails at once: 0 to 3600 (default 30).
      --shutdown-grace SECONDS  After SIGTERM or SIGINT, time for running requests to finish:
                                0 to 3600 (default 10).
      --ipv4                    Connect to WebNIC over IPv4 only (its IP allow list is IPv4-only).
                                Linux only: refused on macOS.
      --ca-file PATH            Verify WebNIC's certificate against the CA certificates (PEM) in PATH
                                instead of the system's (default: $WEBNIC_CA_FILE, else
                                $SSL_CERT_FILE). Verification is never turned off. Linux only:
                                refused on macOS (add the CA to the keychain).
      --get-organization-path TEMPLATE
                                Get Organization Info's path, holding {organizationId} once (in a
                                segment or the query), in place of the assumed
                                /ssl/v2/organization/{organizationId} (default:
                                $WEBNIC_GET_ORGANIZATION_PATH); webnic-rpc doctor finds it.
      --read-only               Refuse every write before any network call; reads and dry runs work
                                (default: $WEBNIC_READ_ONLY, 1 or true).
      --confirm-writes          Send each write from an MCP tool only once the person approves it
                                through an MCP question (elicitation); writes from JSON-RPC and from
                                clients that cannot show questions are refused with
                                approval_required (default: $WEBNIC_CONFIRM_WRITES, 1 or true).
      --organizations ID,...    Only these organizations may be named by any call; others are
                                refused with out_of_scope before anything is sent (default:
                                $WEBNIC_ORGANIZATIONS).
      --writable-fields NAME,...
                                A write may change only these contact fields (and
                                technicalContactId); others are refused with out_of_scope
                                (default: $WEBNIC_WRITABLE_FIELDS).
      --audit-log PATH          Append a JSON line for each write before it is sent and when it ends,
                                and for each write refused (created 0600, synced; default:
                                $WEBNIC_AUDIT_LOG). Holds contact data.
      --lock-dir DIR            Where the locks live that serialize writes to one organization with
                                the other webnic-rpc processes of this user on this machine
                                (default: $WEBNIC_LOCK_DIR, else $XDG_RUNTIME_DIR/webnic-rpc, else
                                a private directory under $TMPDIR or /tmp).
      --log-level LEVEL         trace, debug, info, warning or error (default info).
      --log-format FORMAT       text or json (default text).
      --version                 Print the version and exit.
      --help, -h                Print this help and exit.

    Environment:
      WEBNIC_USERNAME, WEBNIC_PASSWORD   API user and secret (a token is minted and cached).
      WEBNIC_PASSWORD_FILE               Read the secret from this file instead (better: the
                                         environment of a process can be read while it runs).
      WEBNIC_TOKEN, WEBNIC_TOKEN_FILE    A fixed bearer token instead of user and secret.
      WEBNIC_ENV, WEBNIC_BASE_URL        As --env and --base-url.
      WEBNIC_CA_FILE                     As --ca-file; on Linux SSL_CERT_FILE and SSL_CERT_DIR are
                                         honoured as OpenSSL tools honour them.
      WEBNIC_GET_ORGANIZATION_PATH       As --get-organization-path.
      WEBNIC_READ_ONLY, WEBNIC_AUDIT_LOG As --read-only and --audit-log.
      WEBNIC_CONFIRM_WRITES              As --confirm-writes.
      WEBNIC_ORGANIZATIONS               As --organizations.
      WEBNIC_WRITABLE_FIELDS             As --writable-fields.
      WEBNIC_LOCK_DIR                    As --lock-dir.
      https_proxy, no_proxy              A proxy for WebNIC, as libcurl reads them; a loopback host
                                         is never reached through a proxy.
    """

    /// Parses `arguments` (without the program name).
    static func parse(_ arguments: [String]) throws(UsageError) -> CommandLineOptions {
        var options = CommandLineOptions()
        var remaining = arguments[...]
        if remaining.first == "doctor" {
            options.command = .doctor
            remaining.removeFirst()
        }
        let calling = remaining.first == "call"
        if calling { remaining.removeFirst() }
        var callMethod: String?
        var callArguments: [String] = []
        func value(for flag: String) throws(UsageError) -> String {
            guard let next = remaining.popFirst() else { throw UsageError("\(flag) needs a value; see --help.") }
            return next
        }
        func integer(for flag: String, in range: ClosedRange<Int>) throws(UsageError) -> Int {
            let text = try value(for: flag)
            guard let number = Int(text), range.contains(number) else {
                throw UsageError("\(flag) expects a whole number from \(range.lowerBound) to \(range.upperBound), got \(text.debugDescription).")
            }
            return number
        }
        func seconds(for flag: String, in range: ClosedRange<Double>) throws(UsageError) -> Double {
            let text = try value(for: flag)
            guard let number = Double(text), number.isFinite, range.contains(number) else {
                throw UsageError("\(flag) expects seconds from \(format(range.lowerBound)) to \(format(range.upperBound)), got \(text.debugDescription).")
            }
            return number
        }
        func path(for flag: String) throws(UsageError) -> String {
            let path = try value(for: flag)
            guard !path.isEmpty else { throw UsageError("\(flag) expects a file path.") }
            return path
        }
        while let argument = remaining.popFirst() {
            if calling, argument == "-" || !argument.hasPrefix("-") {
                if callMethod == nil { callMethod = argument } else { callArguments.append(argument) }
                continue
            }
            var flag = argument
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                flag = String(argument[..<equals])
                remaining.insert(String(argument[argument.index(after: equals)...]), at: remaining.startIndex)
            }
            switch flag {
            case "--sandbox": options.sandbox = true
            case "--version": options.showVersion = true
            case "--help", "-h": options.showHelp = true
            case "--env":
                let text = try value(for: flag)
                guard let environment = WebNICEnvironment(name: text) else {
                    throw UsageError("--env expects ote or production, got \(text.debugDescription).")
                }
                options.environment = environment
            case "--base-url": options.baseURL = try value(for: flag)
            case "--timeout": options.timeoutSeconds = try seconds(for: flag, in: 0.001...3600)
            case "--max-in-flight": options.maxInFlight = try integer(for: flag, in: 1...1024)
            case "--max-message-bytes": options.maxMessageBytes = try integer(for: flag, in: 256...(256 << 20))
            case "--max-batch": options.maxBatch = try integer(for: flag, in: 1...100_000)
            case "--max-response-bytes": options.maxResponseBytes = try integer(for: flag, in: ResponseSize.allowed)
            case "--retries": options.retries = try integer(for: flag, in: 0...10)
            case "--retry-backoff": options.retryBackoffSeconds = try seconds(for: flag, in: 0...60)
            case "--max-retry-after": options.maxRetryAfterSeconds = try seconds(for: flag, in: 0...3600)
            case "--shutdown-grace": options.shutdownGraceSeconds = try seconds(for: flag, in: 0...3600)
            case "--ipv4": options.preferIPv4 = true
            case "--ca-file": options.caFile = try path(for: flag)
            case "--get-organization-path": options.getOrganizationPath = try value(for: flag)
            case "--read-only": options.readOnly = true
            case "--confirm-writes": options.confirmWrites = true
            case "--organizations": options.organizations = try organizationList(try value(for: flag), setting: flag)
            case "--writable-fields": options.writableFields = try fieldList(try value(for: flag), setting: flag)
            case "--audit-log": options.auditLogPath = try path(for: flag)
            case "--lock-dir": options.lockDirectory = try path(for: flag)
            case "--log-level":
                let text = try value(for: flag)
                guard let level = LogLevel(name: text) else {
                    throw UsageError("--log-level expects trace, debug, info, warning or error, got \(text.debugDescription).")
                }
                options.logLevel = level
                options.logLevelGiven = true
            case "--log-format":
                let text = try value(for: flag)
                guard let format = StreamLogHandler.Format(rawValue: text) else {
                    throw UsageError("--log-format expects text or json, got \(text.debugDescription).")
                }
                options.logFormat = format
            case "--organization-id" where options.command == .doctor:
                let text = try value(for: flag)
                guard let id = Int64(text), id > 0 else {
                    throw UsageError("--organization-id expects a whole number from 1, got \(text.debugDescription).")
                }
                options.organizationId = id
            case "--json" where options.command == .doctor: options.json = true
            case "--output" where calling:
                let text = try value(for: flag)
                guard let format = CallOutput.Format(rawValue: text) else {
                    throw UsageError("--output expects json or text, got \(text.debugDescription).")
                }
                options.output = format
            case "--output":
                throw UsageError("--output belongs to the call command: webnic-rpc call METHOD … --output text; see --help.")
            case "--organization-id", "--json":
                throw UsageError("\(flag) belongs to the doctor command: webnic-rpc doctor \(flag) …; see --help.")
            case "doctor", "call":
                throw UsageError("\(flag) must come first: webnic-rpc \(flag) …; see --help.")
            default:
                throw UsageError("unknown option \(argument.debugDescription); see --help.")
            }
        }
        if calling {
            guard let callMethod else {
                throw UsageError("call needs a method: webnic-rpc call getOrganization organizationId=5; the methods are \(WebNICMethods.methodNames.joined(separator: ", ")).")
            }
            options.command = .call(method: callMethod, arguments: callArguments)
        }
        return options
    }

    /// The organization ids of `text` (`5,6`), for `setting`.
    static func organizationList(_ text: String, setting: String) throws(UsageError) -> [Int64] {
        var ids: [Int64] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = String(item.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            guard let id = Int64(trimmed), id > 0 else {
                throw UsageError("\(setting) expects organization ids separated by commas (5,6), got \(trimmed.debugDescription).")
            }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// The field names of `text` (`email,phoneNumber`), for `setting`.
    static func fieldList(_ text: String, setting: String) throws(UsageError) -> [String] {
        var fields: [String] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = String(item.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            guard WritePolicy.fieldNames.contains(name) else {
                throw UsageError("\(setting) expects field names separated by commas, each one of \(WritePolicy.fieldNames.joined(separator: ", ")); got \(name.debugDescription).")
            }
            if !fields.contains(name) { fields.append(name) }
        }
        return fields
    }

    /// `seconds` without a needless fraction: 3600, 0.001.
    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
