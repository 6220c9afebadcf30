import SafeChange

/// The checked params of `patchOrganizationContact`.
struct PatchParams: ContactChangeParams {
    /// The organization to change.
    let organizationId: Int64
    /// What to change.
    let patch: ContactPatch
    /// Only compute and show the change.
    let dryRun: Bool
    /// The `modifiedAt` the caller read; the write is refused when WebNIC now says otherwise.
    let expectedModifiedAt: String?
}
