import JSONCore

/// An organization's contact: the data DigiCert checks for OV and EV validation.
///
/// Values are plain text (HTML references decoded); a field WebNIC holds no value for is `nil`.
package struct OrganizationContact: Sendable, Equatable {
    /// The value of each field, in `ContactField.allCases` order.
    private var slots = [String?](repeating: nil, count: ContactField.allCases.count)

    /// A contact with these values.
    package init(values: [ContactField: String] = [:]) {
        for (field, value) in values { self[field] = value }
    }

    /// The value of `field`, or `nil`.
    package subscript(field: ContactField) -> String? {
        get { slots[field.position] }
        set { slots[field.position] = newValue }
    }

    /// The contact as a JSON object with every field in order, absent ones as null.
    package var json: JSONValue {
        var object = JSONObject()
        object.reserveCapacity(ContactField.allCases.count)
        for field in ContactField.allCases {
            object[field.rawValue] = self[field].map(JSONValue.string) ?? .null
        }
        return .object(object)
    }
}
