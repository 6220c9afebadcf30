/// Why a response's `data` is not what WebNIC documents, with the path of the offending member.
public struct DecodingProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// "`data.details.email`: expected a string or null".
    public let description: String

    /// A problem described as `description`.
    public init(_ description: String) { self.description = description }
}
