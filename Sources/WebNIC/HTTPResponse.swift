/// An HTTP response: any status, headers, body.
package struct HTTPResponse: Sendable, Equatable {
    /// The status code.
    package var status: Int
    /// Headers with lower-cased names.
    package var headers: [String: String]
    /// The body bytes.
    package var body: [UInt8]

    /// A response; header names are lower-cased.
    package init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = HTTPHeader.lowerCasingNames(of: headers)
        self.body = body
    }
}
