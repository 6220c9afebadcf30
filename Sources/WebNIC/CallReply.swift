/// A successful call's value and how many HTTP attempts it took.
public struct CallReply<Value: Sendable>: Sendable {
    /// What the call returned.
    public let value: Value
    /// HTTP attempts made for the call itself (a token mint is not counted).
    public let attempts: Int
}
