/// Why no complete response arrived.
public enum TransportError: Error, Sendable, Equatable {
    /// Nothing complete arrived before the time ran out.
    case timedOut
    /// The request was cancelled by its caller.
    case cancelled
    /// DNS, connect, TLS, a reset or a body cut short; the text names which, without secrets.
    case network(String)
}
