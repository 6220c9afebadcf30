/// Where a value sits in a JSON document: the keys and array indices from the root to it.
package struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step down.
    package enum Component: Sendable, Hashable {
        /// A member of an object.
        case key(String)
        /// An element of an array.
        case index(Int)
    }

    /// The steps, from the root.
    package var components: [Component]

    /// The path through `components`, outermost first.
    package init(_ components: [Component]) {
        self.components = components
    }

    /// Dotted, with indices in brackets: `params.organization.email`, `[2].id`.
    package var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
