/// The known name a mistyped one was probably meant to be: for "did you mean" in errors about an
/// unknown method or an unknown field.
package enum ClosestName {
    /// The name in `known` nearest to `name`, when it is close enough to be a typo: the same
    /// letters in another case, a start of three letters or more, or at most one edit in four
    /// letters (three at most).
    package static func to(_ name: String, among known: [String]) -> String? {
        // A name far longer than any known one is no typo of it: nothing to compare, at no cost.
        let longest = known.map(\.count).max() ?? 0
        guard name.utf8.count <= longest + maxEdits * 4 else { return nil }
        let lowered = name.lowercased()
        if let sameLetters = known.first(where: { $0.lowercased() == lowered }) { return sameLetters }
        if lowered.count >= 3, let extended = known.first(where: { $0.lowercased().hasPrefix(lowered) }) { return extended }
        let allowed = max(1, min(maxEdits, name.count / 4))
        let scored = known.filter { abs($0.count - name.count) <= allowed }.map { ($0, editDistance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= allowed else { return nil }
        return best.0
    }

    /// The most edits a typo may have.
    static let maxEdits = 3

    /// The optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// two neighbours (`emial` is one edit from `email`), in memory linear in the length of `rhs`.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.unicodeScalars), b = Array(rhs.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        // Three rows of the table: the one before the previous (for swaps), the previous, this one.
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
