/// What the server does with one line before scheduling it: a handler's session policy.
///
/// The server asks `RequestHandler.admit(_:)` on its reading thread, in input order, so a
/// decision (for example which protocol a session speaks) holds for every later line.
package enum Admission: Sendable, Equatable {
    /// Schedule the line as usual.
    case serve
    /// Do not run the line: answer it at once with this error and id `null` (the line is refused
    /// as a whole, as a batch or a request with a null id is).
    case refuse(ResponseError)
    /// The line is a cancellation notification: cancel every request in flight with this id.
    /// When `answered` is false the cancelled request gets no response at all.
    case cancel(RequestID, answered: Bool)
}
