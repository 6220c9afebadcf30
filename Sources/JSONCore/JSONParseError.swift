/// Why a text is not acceptable JSON, and where.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in a few words ("unexpected character", "duplicate key \"id\"").
    public let reason: String
    /// The byte offset in the input where the problem was found.
    public let offset: Int
    /// The key, when the problem is a key written twice in one object (the text is JSON otherwise
    /// up to there, and `JSONParser.parseReportingDuplicates` can read it).
    public let duplicateKey: String?

    /// A parse error at `offset`.
    public init(reason: String, offset: Int, duplicateKey: String? = nil) {
        self.reason = reason
        self.offset = offset
        self.duplicateKey = duplicateKey
    }

    /// "`reason` at byte `offset`".
    public var description: String { "\(reason) at byte \(offset)" }
}
