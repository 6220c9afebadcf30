import ErrorCategories
import WebNICService

/// The exit status of `webnic-rpc call` by what became of the call: one table, which `--help` and
/// docs/errors.md print.
enum ExitStatus {
    /// Each status, what it means, and the error categories that end in it.
    static let table: [(status: Int32, meaning: String, categories: [ErrorCategory])] = [
        (0, "success: the result is on stdout", []),
        (1, "any other failure", []),
        (2, "usage: a bad flag, method or argument; nothing was sent", []),
        (3, "the params or the data were refused", [.invalidParams, .webnicValidation]),
        (4, "WebNIC refused the credentials or this machine", [.unauthorized, .forbidden]),
        (5, "no such organization", [.notFound]),
        (6, "the organization changed since it was read", [.conflict]),
        (7, "refused by policy: nothing was sent", [.readOnly, .outOfScope, .declined, .approvalRequired]),
        (8, "a passing failure: the same call may succeed later", [.network, .timeout, .rateLimited, .upstreamError]),
        (9, "a write may or may not have been applied: read the organization and compare", [.outcomeUnknown]),
    ]

    /// The status a call that failed with `category` exits with.
    static func of(_ category: ErrorCategory?) -> Int32 {
        guard let category else { return 1 }
        return table.first { $0.categories.contains(category) }?.status ?? 1
    }

    /// The table as `--help` prints it.
    static var help: String {
        table.map { row in
            let categories = row.categories.isEmpty ? "" : " (" + row.categories.map(\.rawValue).joined(separator: ", ") + ")"
            return "  \(row.status)  \(row.meaning)\(categories)"
        }.joined(separator: "\n")
    }
}
