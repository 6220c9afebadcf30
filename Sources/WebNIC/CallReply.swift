/// A successful call's value, how many HTTP attempts it took, and the status WebNIC answered with.
public struct CallReply<Value: Sendable>: Sendable {
    /// What the call returned.
    public let value: Value
    /// HTTP attempts made for the call itself (a token mint is not counted).
    public let attempts: Int
    /// The HTTP status of the successful answer.
    public let httpStatus: Int

    /// A reply.
    public init(value: Value, attempts: Int, httpStatus: Int) {
        self.value = value
        self.attempts = attempts
        self.httpStatus = httpStatus
    }
}
