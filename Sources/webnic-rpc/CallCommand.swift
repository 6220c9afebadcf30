#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import ErrorCategories
import JSONCore
import JSONRPC
import Log
import SafeChange
import Synchronization
import WebNICService

/// `webnic-rpc call METHOD [ARGS…]`: one call, one answer, for shell scripts. The result goes to
/// stdout (indented on a terminal, one line otherwise, or as text with `--output text`) and the
/// exit status is 0; a failure writes nothing to stdout, names the category, message and hint on
/// stderr, ends stderr with the error as one JSON line, and exits as `ExitStatus` says.
enum CallCommand {
    /// Makes the call and exits.
    static func run(_ settings: RunSettings, options: CommandLineOptions, method: String, arguments: [String]) -> Never {
        signal(SIGPIPE, SIG_IGN)
        let call: CallArguments
        do throws(UsageError) {
            call = try CallArguments.parse(method: method, arguments, standardInput: readStandardInput)
        } catch {
            printError("webnic-rpc: \(error.message)")
            exit(2)
        }
        let logger = Logger(level: options.logLevelGiven ? options.logLevel : .error, handler: StreamLogHandler(format: options.logFormat))
        for warning in settings.warnings { logger.warning(warning) }
        let methods = Services.methods(
            settings, auditLog: Services.auditLog(settings), locks: Services.locks(settings, logger: logger),
            transport: Services.transport(settings, maxConnections: 1, logger: logger), logger: logger
        )
        let request = Request(id: .number(JSONNumber(integer: 1)), method: call.method, params: .object(call.params))
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<JSONValue, ResponseError>?>(nil)
        Task {
            let answer = await methods.handle(request, context: RequestContext(id: request.id) { _ in })
            outcome.withLock { $0 = answer }
            done.signal()
        }
        done.wait()
        switch outcome.withLock({ $0 }) {
        case .success(let result)?:
            printOutput(options.output == .text ? CallOutput.text(result) : CallOutput.json(result, indented: isatty(1) != 0))
            exit(0)
        case .failure(let error)?:
            let category = error.data?["category"]?.stringValue.flatMap(ErrorCategory.init(rawValue:))
            if options.output == .text {
                printError(CallOutput.line(error))
            } else {
                printError("webnic-rpc: \(CallOutput.line(error))")
                printError(error.json.jsonText)
            }
            exit(ExitStatus.of(category))
        case nil:
            exit(1)
        }
    }

    /// Everything on standard input (for the argument `-`).
    private static func readStandardInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return bytes }
            bytes += chunk[0..<count]
        }
    }
}
