/// A successful call's value, how many HTTP attempts it took, and the status WebNIC answered with.
package struct CallReply<Value: Sendable>: Sendable {
    /// What the call returned.
    package let value: Value
    /// HTTP attempts made for the call itself (a token mint is not counted).
    package let attempts: Int
    /// The HTTP status of the successful answer.
    package let httpStatus: Int

    /// WebNIC answered `value` with `httpStatus`, after `attempts` HTTP attempts.
    package init(value: Value, attempts: Int, httpStatus: Int) {
        self.value = value
        self.attempts = attempts
        self.httpStatus = httpStatus
    }
}
