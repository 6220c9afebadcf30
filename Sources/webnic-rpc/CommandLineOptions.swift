import Log
import WebNIC
import WebNICService

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
