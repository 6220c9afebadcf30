import Diagnostics
import WebNIC

/// The command line of `webnic-rpc`, parsed. Flags override environment variables.
struct CommandLineOptions {
    var environment: WebNICEnvironment?
    var baseURL: String?
    var timeoutSeconds: Double = 30
    var maxInFlight = 16
    var maxMessageBytes = 1 << 20
    var maxBatch = 100
    var retries = 2
    var maxRetryAfterSeconds: Double = 30
    var retryBackoffSeconds: Double = 0.25
    var shutdownGraceSeconds: Double = 10
    var preferIPv4 = false
    var readOnly = false
    var auditLogPath: String?
    var logLevel: LogLevel = .info
    var logFormat: StreamLogHandler.Format = .text
    var sandbox = false
    var showVersion = false
    var showHelp = false

    /// A flag or value that cannot be used; the message is one line and says what is expected.
    struct UsageError: Error {
        let message: String
    }

    /// The usage text printed by `--help`.
    static let usage = """
    Usage: webnic-rpc [options]

    A line-delimited JSON-RPC 2.0 plugin for WebNIC's SSL organization API: one request per line
    on stdin, one response per line on stdout, logs on stderr. Also an MCP server on the same
    stdio (tools get_organization, patch_organization_contact and update_organization_contact) for
    a client that opens with initialize or server/discover.

    Options:
      --sandbox                 Answer from the built-in WebNIC simulator: no credentials, no network.
      --env ote|production      WebNIC environment (default: $WEBNIC_ENV, else ote).
      --base-url URL            Override the environment's base URL (default: $WEBNIC_BASE_URL).
                                https only, except http on a loopback host.
      --timeout SECONDS         Most time one request may take, all HTTP attempts included (default 30).
      --max-in-flight N         Requests run at once, batch members each counting (default 16);
                                more wait their turn, up to 1024 read ahead.
      --max-message-bytes N     Longest request line accepted (default 1048576).
      --max-batch N             Most requests in one batch (default 100).
      --retries N               Retries of a failed idempotent call: network, timeout, 5xx, 429 (default 2).
      --retry-backoff SECONDS   First backoff, doubling per retry, with full jitter (default 0.25).
      --max-retry-after SECONDS Longest Retry-After honoured; longer fails at once (default 30).
      --shutdown-grace SECONDS  After SIGTERM or SIGINT, time for requests to finish (default 10).
      --ipv4                    Connect to WebNIC over IPv4 only (its IP allow list is IPv4-only).
      --read-only               Refuse every write before any network call; reads and dry runs work
                                (default: $WEBNIC_READ_ONLY, 1 or true).
      --audit-log PATH          Append a JSON line for each write before it is sent and when it ends
                                (created 0600, synced; default: $WEBNIC_AUDIT_LOG). Holds contact data.
      --log-level LEVEL         trace, debug, info, warning or error (default info).
      --log-format FORMAT       text or json (default text).
      --version                 Print the version and exit.
      --help                    Print this help and exit.

    Environment:
      WEBNIC_USERNAME, WEBNIC_PASSWORD   API user and secret (a token is minted and cached).
      WEBNIC_PASSWORD_FILE               Read the secret from this file instead.
      WEBNIC_TOKEN, WEBNIC_TOKEN_FILE    A fixed bearer token instead of user and secret.
      WEBNIC_ENV, WEBNIC_BASE_URL        As --env and --base-url.
      WEBNIC_READ_ONLY, WEBNIC_AUDIT_LOG As --read-only and --audit-log.
    """

    /// Parses `arguments` (without the program name).
    static func parse(_ arguments: [String]) throws(UsageError) -> CommandLineOptions {
        var options = CommandLineOptions()
        var remaining = arguments[...]
        func value(for flag: String) throws(UsageError) -> String {
            guard let next = remaining.popFirst() else { throw UsageError(message: "\(flag) needs a value; see --help.") }
            return next
        }
        func integer(for flag: String, in range: ClosedRange<Int>) throws(UsageError) -> Int {
            let text = try value(for: flag)
            guard let number = Int(text), range.contains(number) else {
                throw UsageError(message: "\(flag) expects a whole number from \(range.lowerBound) to \(range.upperBound), got \(text.debugDescription).")
            }
            return number
        }
        func seconds(for flag: String, in range: ClosedRange<Double>) throws(UsageError) -> Double {
            let text = try value(for: flag)
            guard let number = Double(text), range.contains(number) else {
                throw UsageError(message: "\(flag) expects seconds from \(Int(range.lowerBound)) to \(Int(range.upperBound)), got \(text.debugDescription).")
            }
            return number
        }
        while let argument = remaining.popFirst() {
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
                guard let environment = WebNICEnvironment(rawValue: text) else {
                    throw UsageError(message: "--env expects ote or production, got \(text.debugDescription).")
                }
                options.environment = environment
            case "--base-url": options.baseURL = try value(for: flag)
            case "--timeout":
                let text = try value(for: flag)
                guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
                    throw UsageError(message: "--timeout expects seconds greater than 0 and at most 3600, got \(text.debugDescription).")
                }
                options.timeoutSeconds = seconds
            case "--max-in-flight": options.maxInFlight = try integer(for: flag, in: 1...1024)
            case "--max-message-bytes": options.maxMessageBytes = try integer(for: flag, in: 256...(256 << 20))
            case "--max-batch": options.maxBatch = try integer(for: flag, in: 1...100_000)
            case "--retries": options.retries = try integer(for: flag, in: 0...10)
            case "--retry-backoff": options.retryBackoffSeconds = try seconds(for: flag, in: 0...60)
            case "--max-retry-after": options.maxRetryAfterSeconds = try seconds(for: flag, in: 0...3600)
            case "--shutdown-grace": options.shutdownGraceSeconds = try seconds(for: flag, in: 0...3600)
            case "--ipv4": options.preferIPv4 = true
            case "--read-only": options.readOnly = true
            case "--audit-log":
                let path = try value(for: flag)
                guard !path.isEmpty else { throw UsageError(message: "--audit-log expects a file path.") }
                options.auditLogPath = path
            case "--log-level":
                let text = try value(for: flag)
                guard let level = LogLevel(name: text) else {
                    throw UsageError(message: "--log-level expects trace, debug, info, warning or error, got \(text.debugDescription).")
                }
                options.logLevel = level
            case "--log-format":
                let text = try value(for: flag)
                guard let format = StreamLogHandler.Format(rawValue: text) else {
                    throw UsageError(message: "--log-format expects text or json, got \(text.debugDescription).")
                }
                options.logFormat = format
            default:
                throw UsageError(message: "unknown option \(argument.debugDescription); see --help.")
            }
        }
        if options.sandbox, options.baseURL != nil || options.environment != nil || options.preferIPv4 {
            throw UsageError(message: "--sandbox cannot be combined with --base-url, --env or --ipv4.")
        }
        return options
    }
}
