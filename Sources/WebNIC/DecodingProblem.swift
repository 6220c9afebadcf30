/// Why a response's `data` is not what WebNIC documents, with the path of the offending member.
package struct DecodingProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// "`data.details.email`: expected a string or null".
    package let description: String

    /// A problem described as `description`.
    package init(_ description: String) { self.description = description }
}
