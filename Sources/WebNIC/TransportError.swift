/// Why no complete response arrived.
package enum TransportError: Error, Sendable, Equatable {
    /// Nothing complete arrived before the time ran out.
    case timedOut
    /// The request was cancelled by its caller.
    case cancelled
    /// Nothing was sent: no connection could be made (refused, no such host or proxy, no network)
    /// or the URL cannot be used; the text names which. The server received nothing.
    case notSent(String)
    /// A connection that failed once the request may have been on its way: a reset, a body cut
    /// short, an answer that is not HTTP; the text names which, without secrets.
    case network(String)
    /// The secure connection could not be set up: the server's certificate was refused (untrusted,
    /// expired, another host's) or the handshake failed. Sending again does not help.
    case tls(String)
    /// The HTTP library cannot be used: missing, too old, or refusing an option. A matter of the
    /// machine's setup, not of the network; `hint` says what to install, when the transport knows.
    case unavailable(String, hint: String? = nil)

    /// The reason of a response refused for its size.
    package static func tooLarge(_ limit: Int) -> String {
        let size = limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : limit % 1024 == 0 ? "\(limit >> 10) KiB" : "\(limit) bytes"
        return "the response is larger than \(size) (--max-response-bytes)"
    }
}
