import JSONRPC
import Log
import Platform
import WebNIC
import WebNICService

/// The command line of `webnic-rpc`, parsed. Flags override environment variables. The defaults
/// are the layers' own (`ServerLimits`, `RetryPolicy`, `ResponseSize`) where they have one;
/// `--help` shows them from here.
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
    var maxInFlight = ServerLimits().maxInFlight
    var maxMessageBytes = ServerLimits().maxMessageBytes
    var maxBatch = ServerLimits().maxBatch
    var maxResponseBytes = ResponseSize.defaultLimit
    var retries = RetryPolicy().maxRetries
    var maxRetryAfterSeconds = RetryPolicy().maxRetryAfter.inSeconds
    var retryBackoffSeconds = RetryPolicy().baseDelay.inSeconds
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

    /// Parses `arguments` (without the program name), as `CommandLineOption.all` says.
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
        var table: [String: CommandLineOption] = [:]
        for option in CommandLineOption.all { for flag in option.flags { table[flag] = option } }
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
            guard let option = table[flag] else {
                if flag == "doctor" || flag == "call" { throw UsageError("\(flag) must come first: webnic-rpc \(flag) …; see --help.") }
                throw UsageError("unknown option \(argument.debugDescription); see --help.")
            }
            switch option.scope {
            case .everyCommand: break
            case .call(let example):
                guard calling else {
                    throw UsageError("\(flag) belongs to the call command: webnic-rpc call METHOD … \(flag) \(example); see --help.")
                }
            case .doctor:
                guard options.command == .doctor else {
                    throw UsageError("\(flag) belongs to the doctor command: webnic-rpc doctor \(flag) …; see --help.")
                }
            }
            var value = ""
            if option.value != nil {
                guard let next = remaining.popFirst() else { throw UsageError("\(flag) needs a value; see --help.") }
                value = next
            }
            try option.apply(&options, value)
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
}
