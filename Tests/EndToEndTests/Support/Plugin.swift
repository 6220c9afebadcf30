import Foundation
import JSONCore
import Synchronization

/// A `webnic-rpc` process, talked to over its stdin and stdout as a host would.
///
/// When it goes away, every response it wrote is recorded with its method in
/// `.build/e2e-responses/` (see `ResponseLog`), so that the contract suite can validate each one
/// against `schema/openrpc.json`.
final class Plugin: Sendable {
    let process: ChildProcess
    private let methodsByID = Mutex<[String: String]>([:])

    /// Starts `webnic-rpc` with `arguments` and exactly `environment`; see `ChildProcess` for `readsStderr`.
    init(_ arguments: [String] = [], environment: [String: String] = [:], readsStderr: Bool = true) throws {
        process = try ChildProcess(Binaries.plugin, arguments: arguments, environment: environment, readsStderr: readsStderr)
    }

    /// Starts `webnic-rpc` against `simulator` with valid credentials.
    convenience init(simulator: Simulator, _ arguments: [String] = [], environment: [String: String] = [:]) throws {
        try self.init(arguments, environment: simulator.environment.merging(environment) { _, mine in mine })
    }

    deinit {
        process.terminate()
        let methods = methodsByID.withLock { $0 }
        ResponseLog.record(lines: process.stdoutLines, methods: methods)
    }

    /// Sends `line` as it is.
    func send(_ line: String) {
        if let value = try? JSONParser.parse(line) {
            for message in value.arrayValue ?? [value] {
                if let id = message["id"], let method = message["method"]?.stringValue {
                    methodsByID.withLock { $0[id.jsonText] = method }
                }
            }
        }
        process.send(line)
    }

    /// Sends a request with `id`, `method` and `params`.
    func request(_ id: JSONValue, _ method: String, _ params: JSONValue? = nil) {
        var object = JSONObject([.init(key: "jsonrpc", value: "2.0"), .init(key: "id", value: id), .init(key: "method", value: .string(method))])
        if let params { object["params"] = params }
        methodsByID.withLock { $0[id.jsonText] = method }
        process.send(JSONValue.object(object).jsonText)
    }

    /// Sends one request and waits for the response with its id.
    func call(_ method: String, _ params: JSONValue? = nil, id: JSONValue = "call") async throws -> JSONValue {
        let before = process.stdoutLines.count
        request(id, method, params)
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            let lines = try await process.waitForLines(before + 1)
            for line in lines.dropFirst(before) {
                let value = try JSONParser.parse(line)
                if value["id"] == id { return value }
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw ChildProcessError(description: "no response for \(id)\nstderr: \(process.stderrText)")
    }

    /// Waits for `count` output lines and parses them.
    func responses(_ count: Int) async throws -> [JSONValue] {
        try await process.waitForLines(count).map { try JSONParser.parse($0) }
    }

    /// Closes stdin and returns the exit status.
    func finish() async throws -> Int32 {
        process.closeInput()
        return try await process.waitForExit()
    }
}

/// Parses JSON text in a test, failing the test on invalid JSON.
func json(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }
