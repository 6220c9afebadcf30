/// A JSON object: members in the order they were written, with unique keys (compared byte for byte).
///
/// Two objects are equal when they have the same keys with equal values, whatever the order.
package struct JSONObject: Sendable, Equatable {
    /// One key and its value.
    package struct Member: Sendable, Equatable {
        /// The member's name.
        package var key: String
        /// The member's value.
        package var value: JSONValue

        /// The member `key` holding `value`.
        package init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members, in order.
    package private(set) var members: [Member]

    /// An object with these members; a later member replaces an earlier one of the same key.
    package init(_ members: [Member] = []) {
        self.members = []
        self.members.reserveCapacity(members.count)
        for member in members { self[member.key] = member.value }
    }

    /// An object from members already known to have unique keys (as the parser guarantees).
    init(uniqueMembers: [Member]) {
        self.members = uniqueMembers
    }

    /// The keys, in order.
    package var keys: [String] { members.map(\.key) }

    /// The number of members.
    package var count: Int { members.count }

    /// Whether the object has no members.
    package var isEmpty: Bool { members.isEmpty }

    /// Whether two keys are the same key: the same bytes. (String's `==` compares canonical
    /// equivalence, which would take `"\u00e9"` and `"e\u0301"`, two keys in JSON, for one.)
    ///
    /// Keys with the same bytes are always `==`; `==` decides the usual case (different short
    /// ASCII keys) in a few instructions, and the bytes are compared only for keys it finds equal.
    @inline(__always)
    package static func sameKey(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count, lhs == rhs else { return false }
        let contiguous = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in
                for offset in 0..<left.count where left[offset] != right[offset] { return false }
                return true
            }
        }
        return (contiguous ?? nil) ?? lhs.utf8.elementsEqual(rhs.utf8)
    }

    /// Makes room for `minimumCapacity` members, for an object built member by member.
    package mutating func reserveCapacity(_ minimumCapacity: Int) {
        members.reserveCapacity(minimumCapacity)
    }

    /// The value of `key`; setting `nil` removes the member, setting a value appends or replaces it.
    package subscript(key: String) -> JSONValue? {
        get {
            for index in members.indices where Self.sameKey(members[index].key, key) { return members[index].value }
            return nil
        }
        set {
            let index = members.firstIndex { Self.sameKey($0.key, key) }
            switch (index, newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append(Member(key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// The value of `key` for a reader that asks for keys in the order they were written: the
    /// search starts at the member at `position` and wraps round, and `position` moves past the
    /// member found, so that each key asked for in order is found at the first comparison.
    package func value(forKey key: String, from position: inout Int) -> JSONValue? {
        let count = members.count
        for step in 0..<count {
            let index = (position + step) % count
            if Self.sameKey(members[index].key, key) {
                position = index + 1
                return members[index].value
            }
        }
        return nil
    }

    /// Same keys, equal values, in any order.
    package static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        return lhs.members.allSatisfy { member in rhs[member.key] == member.value }
    }
}
