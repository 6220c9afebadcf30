import JSONRPC

extension ErrorCode {
    /// Whether the code lies in the range the JSON-RPC specification reserves (`-32768…-32000`).
    var isReserved: Bool { (-32768 ... -32000).contains(rawValue) }
}
