/// A flag, variable or value that cannot be used: webnic-rpc prints its one-line message and exits 2.
struct UsageError: Error {
    /// What is wrong and what is expected, in one line.
    let message: String

    /// An error saying `message`.
    init(_ message: String) { self.message = message }
}
