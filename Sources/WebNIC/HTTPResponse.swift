/// An HTTP response: any status, headers, body.
public struct HTTPResponse: Sendable, Equatable {
    /// The status code.
    public var status: Int
    /// Headers with lower-cased names.
    public var headers: [String: String]
    /// The body bytes.
    public var body: [UInt8]

    /// A response; header names are lower-cased.
    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = HTTPHeader.lowerCasingNames(of: headers)
        self.body = body
    }
}
