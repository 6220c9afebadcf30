import JSONCore

/// One problem with one parameter, named by its dotted path (`organization.email`).
public struct FieldError: Sendable, Equatable {
    /// The dotted path of the field.
    public let field: String
    /// What is wrong and what is expected.
    public let message: String

    /// A problem with `field`.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `{"field": …, "message": …}`.
    public var json: JSONValue { ["field": .string(field), "message": .string(message)] }
}
