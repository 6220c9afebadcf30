/// One header line.
public struct HTTPHeader: Sendable, Equatable {
    /// The header's name.
    public var name: String
    /// The header's value.
    public var value: String

    /// A header.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
