import JSONCore

/// An organization's contact: the data DigiCert checks for OV and EV validation.
///
/// Values are plain text (HTML references decoded); a field WebNIC holds no value for is `nil`.
public struct OrganizationContact: Sendable, Equatable {
    /// Values by field; a missing key means null.
    public private(set) var values: [ContactField: String]

    /// A contact with these values.
    public init(values: [ContactField: String] = [:]) {
        self.values = values
    }

    /// The value of `field`, or `nil`.
    public subscript(field: ContactField) -> String? {
        get { values[field] }
        set { values[field] = newValue }
    }

    /// The contact as a JSON object with every field in order, absent ones as null.
    public var json: JSONValue {
        var object = JSONObject()
        for field in ContactField.allCases {
            object[field.rawValue] = values[field].map(JSONValue.string) ?? .null
        }
        return .object(object)
    }
}
