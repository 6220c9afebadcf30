import JSONCore

/// A request its handler has read once, on the reading thread and in input order: how it is ordered
/// against the requests around it, and how it is answered.
///
/// A handler decodes the params in `RequestHandler.prepare` and captures what it decoded in
/// `answer`, so that the ordering and the call both come from one reading of the params.
package struct PreparedRequest: Sendable {
    /// How the request is ordered against the requests received before and after it.
    package let ordering: RequestOrdering
    /// The result, or the error to answer with; run in the request's own task, which is already
    /// cancelled when the request was cancelled before it started.
    package let answer: @Sendable (RequestContext) async -> Result<JSONValue, ResponseError>

    package init(ordering: RequestOrdering = .independent, answer: @escaping @Sendable (RequestContext) async -> Result<JSONValue, ResponseError>) {
        self.ordering = ordering
        self.answer = answer
    }
}
