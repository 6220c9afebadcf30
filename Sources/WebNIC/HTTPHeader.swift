/// One header line.
package struct HTTPHeader: Sendable, Equatable {
    /// The header's name.
    package var name: String
    /// The header's value.
    package var value: String

    /// The header `name` with `value`.
    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// `headers` with lower-cased names (of names that differ only in case, one is kept); as they
    /// are when every name is lower case already (as the transports pass them).
    package static func lowerCasingNames(of headers: [String: String]) -> [String: String] {
        let lowerCase = !headers.keys.contains { $0.utf8.contains { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) } }
        return lowerCase ? headers : Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}
