import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The floor for any Swift stdio plugin on Linux, for the benchmark's cold-start baseline:
/// loads Foundation and FoundationNetworking, reads one line and echoes it as a JSON-RPC result.
let session = URLSession(configuration: .ephemeral)
if let line = readLine(), let data = line.data(using: .utf8),
   let request = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
    let response: [String: Any] = ["jsonrpc": "2.0", "id": request["id"] ?? NSNull(), "result": ["echo": line]]
    if let output = try? JSONSerialization.data(withJSONObject: response) {
        FileHandle.standardOutput.write(output + Data("\n".utf8))
    }
}
session.invalidateAndCancel()
