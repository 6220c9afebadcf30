import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import URLSessionTransport
import WebNIC

/// A fresh simulator process and its base URL.
func startSimulator() throws -> (Child, String) {
    let simulator = try Child(simulatorBinary, ["--port", "0", "--username", username, "--password", password])
    guard let line = simulator.readLine(),
          let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], let port = object["port"] as? Int
    else { log("webnic-sim did not start"); exit(2) }
    return (simulator, "http://127.0.0.1:\(port)")
}

/// The simulator's counters.
func simulatorStats(_ baseURL: String) async throws -> [String: Int] {
    let transport = URLSessionTransport(maxConnections: 1)
    let response = try await transport.send(HTTPRequest(method: "GET", url: baseURL + "/__sim/stats"), timeout: .seconds(5))
    return (try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Int]) ?? [:]
}

func startPlugin(_ baseURL: String, _ extra: [String] = []) throws -> Child {
    try Child(plugin, ["--log-level", "error", "--base-url", baseURL] + extra, environment: ["WEBNIC_USERNAME": username, "WEBNIC_PASSWORD": password])
}
