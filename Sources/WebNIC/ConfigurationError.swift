/// A setting that cannot be used, with what to do about it.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One sentence: what is wrong and how to fix it.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
