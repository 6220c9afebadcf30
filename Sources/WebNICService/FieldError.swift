import JSONCore

/// One problem with one parameter, named by its dotted path (`organization.email`).
package struct FieldError: Sendable, Equatable {
    /// The dotted path of the field.
    package let field: String
    /// What is wrong and what is expected.
    package let message: String

    /// A problem with `field`.
    package init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `{"field": …, "message": …}`.
    package var json: JSONValue { ["field": .string(field), "message": .string(message)] }
}
