import WebNIC

/// A request as the simulator sees it, whether it came over HTTP or in-process.
package struct SimulatedRequest: Sendable {
    /// The HTTP method.
    package var method: String
    /// The request target: the path, and the query when there is one (`/a/b?c=1`).
    package var target: String
    /// Headers with lower-cased names.
    package var headers: [String: String]
    /// The body bytes, as received (empty for a GET).
    package var body: [UInt8]

    /// A request; header names are lower-cased.
    package init(method: String, target: String, headers: [String: String], body: [UInt8]) {
        self.method = method
        self.target = target
        self.headers = HTTPHeader.lowerCasingNames(of: headers)
        self.body = body
    }

    /// The path, without the query.
    package var path: Substring {
        guard let query = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return target[...] }
        return target[..<query]
    }

    /// The path and query of a request target in origin form (`/a/b?q`) or absolute form
    /// (`http://host:port/a/b?q`), both of which an HTTP/1.1 server must accept; no fragment.
    package static func target(of target: String) -> String {
        let found = target.utf8.withContiguousStorageIfAvailable { bytes -> String in
            var start = 0
            if bytes.first != UInt8(ascii: "/") {
                // Absolute form: skip scheme://authority.
                guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
                      let slash = bytes[min(colon + 3, bytes.count)...].firstIndex(of: UInt8(ascii: "/"))
                else { return "/" }
                start = slash
            }
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        // A string not stored as UTF-8 (bridged, on Darwin) is copied into one that is.
        return found ?? Self.target(of: String(decoding: Array(target.utf8), as: UTF8.self))
    }
}
