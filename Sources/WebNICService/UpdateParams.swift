import WebNIC

/// The checked params of `updateOrganizationContact`.
struct UpdateParams: ContactChangeParams {
    /// The contact to send, as WebNIC's PUT takes it.
    let update: ContactUpdate
    /// Only show the request (and, after a read, what it changes).
    let dryRun: Bool
    /// The `modifiedAt` the caller read; the write is refused when WebNIC now says otherwise.
    let expectedModifiedAt: String?

    /// The organization to change.
    var organizationId: Int64 { update.organizationId }
}
