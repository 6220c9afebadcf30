/// Why a text is not acceptable JSON, and where.
package struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in a few words ("unexpected character", "duplicate key \"id\"").
    package let reason: String
    /// The byte offset in the input where the problem was found.
    package let offset: Int
    /// The key, when the problem is a key written twice in one object (the text is JSON otherwise
    /// up to there, and `JSONParser.parseReportingDuplicates` can read it).
    package let duplicateKey: String?

    /// A parse error at `offset`.
    package init(reason: String, offset: Int, duplicateKey: String? = nil) {
        self.reason = reason
        self.offset = offset
        self.duplicateKey = duplicateKey
    }

    /// "`reason` at byte `offset`".
    package var description: String { "\(reason) at byte \(offset)" }
}
