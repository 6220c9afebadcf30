/// A setting that cannot be used, with what to do about it.
package struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One sentence: what is wrong and how to fix it.
    package let message: String

    /// An error saying `message`.
    package init(_ message: String) { self.message = message }

    /// The message, as printed for a usage error.
    package var description: String { message }
}
