import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import JSONCore

/// A `webnic-sim` process on a loopback port, with its control API.
final class Simulator: Sendable {
    let process: ChildProcess
    let port: Int

    static let username = "e2e-user"
    static let password = "e2e-Secret-Pa55word"

    /// Starts `webnic-sim --port 0` (with `arguments`, accepting `password`) and reads the port it announces.
    init(tokenLifetime: Int = 3600, password: String = Simulator.password, arguments: [String] = []) async throws {
        process = try ChildProcess(Binaries.simulator, arguments: [
            "--port", "0", "--username", Self.username, "--password", password, "--token-lifetime", String(tokenLifetime),
        ] + arguments)
        let first = try await process.waitForLines(1)[0]
        guard let port = try JSONParser.parse(first)["port"]?.numberValue?.int64Value else {
            throw ChildProcessError(description: "no port in \(first)")
        }
        self.port = Int(port)
    }

    deinit { process.terminate() }

    /// The base URL of the simulator.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The environment that points webnic-rpc at this simulator with valid credentials.
    var environment: [String: String] {
        ["WEBNIC_USERNAME": Self.username, "WEBNIC_PASSWORD": Self.password, "WEBNIC_BASE_URL": baseURL]
    }

    /// Schedules a fault: `{"route": …, "fault": …, "count": …}` plus extras.
    func inject(_ fault: String, route: String = "any", count: Int = 1, extra: [String: JSONValue] = [:]) async throws {
        var body = JSONObject([.init(key: "route", value: .string(route)), .init(key: "fault", value: .string(fault)), .init(key: "count", value: .integer(count))])
        for (key, value) in extra { body[key] = value }
        let reply = try await call("POST", "/__sim/faults", body: .object(body))
        guard reply["ok"] == true else { throw ChildProcessError(description: "fault refused: \(reply)") }
    }

    /// What the simulator received.
    func requests() async throws -> [JSONValue] {
        try await call("GET", "/__sim/requests").arrayValue ?? []
    }

    /// Connection, token-mint and request counts.
    func stats() async throws -> JSONValue {
        try await call("GET", "/__sim/stats")
    }

    private func call(_ method: String, _ path: String, body: JSONValue? = nil) async throws -> JSONValue {
        guard let url = URL(string: baseURL + path) else { throw ChildProcessError(description: "bad URL") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let body { request.httpBody = Data(body.jsonText.utf8) }
        let (data, _) = try await URLSession.shared.data(for: request)
        return try JSONParser.parse(Array(data))
    }
}
