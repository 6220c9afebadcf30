import WebNIC

/// The stable name of every failure a method call can end in, whether a retry can help, and what
/// the caller can do; its JSON-RPC code is the service layer's (`ErrorCategory.code`).
/// `schema/openrpc.json` lists the same table under `components.errors`; a test keeps the two equal.
package enum ErrorCategory: String, Sendable, CaseIterable {
    case invalidParams = "invalid_params"
    case webnicValidation = "webnic_validation"
    case notFound = "not_found"
    case unauthorized
    case forbidden
    case rateLimited = "rate_limited"
    case businessRule = "business_rule"
    case upstreamError = "upstream_error"
    case network
    case tls
    case timeout
    case badUpstreamResponse = "bad_upstream_response"
    case configuration
    case conflict
    case readOnly = "read_only"
    case outOfScope = "out_of_scope"
    case declined
    case approvalRequired = "approval_required"
    case outcomeUnknown = "outcome_unknown"
    case `internal`
    case cancelled

    /// Whether sending the same request again may succeed.
    package var isRetryable: Bool {
        switch self {
        case .rateLimited, .upstreamError, .network, .timeout: return true
        default: return false
        }
    }

    /// The category's title, as in `components.errors` of the OpenRPC document.
    package var title: String {
        switch self {
        case .invalidParams: return "Invalid params"
        case .webnicValidation: return "WebNIC rejected the data"
        case .notFound: return "Organization not found"
        case .unauthorized: return "WebNIC refused the credentials"
        case .forbidden: return "WebNIC refused the call"
        case .rateLimited: return "WebNIC is limiting the request rate"
        case .businessRule: return "WebNIC refused the request"
        case .upstreamError: return "WebNIC failed"
        case .network: return "Could not reach WebNIC"
        case .tls: return "The secure connection to WebNIC failed"
        case .timeout: return "WebNIC did not answer in time"
        case .badUpstreamResponse: return "WebNIC's answer was not understood"
        case .configuration: return "webnic-rpc is not configured for this call"
        case .conflict: return "The organization changed since it was read"
        case .readOnly: return "webnic-rpc is read-only"
        case .outOfScope: return "Outside the organizations or fields webnic-rpc may touch"
        case .declined: return "The person declined the write"
        case .approvalRequired: return "The write needs the person's approval"
        case .outcomeUnknown: return "The write may or may not have been applied"
        case .internal: return "Internal error"
        case .cancelled: return "Request cancelled"
        }
    }

    /// One sentence: what the caller can do.
    package var hint: String {
        switch self {
        case .invalidParams:
            return "Correct the fields listed in fieldErrors and send the request again."
        case .webnicValidation:
            return "Correct the fields WebNIC lists in webnic.fieldErrors and send the request again."
        case .notFound:
            return "Check organizationId: no such organization exists for this account in this environment."
        case .unauthorized:
            return "Check WEBNIC_USERNAME and WEBNIC_PASSWORD (or WEBNIC_TOKEN) for this environment; OTE and production credentials differ."
        case .forbidden:
            return "Add this machine's public IPv4 address to the API allow list in the WebNIC partner portal; the list takes IPv4 only, so on a machine that also has IPv6 start webnic-rpc with --ipv4."
        case .rateLimited:
            return "Wait retryAfterSeconds (or a few seconds when absent) and send the request again."
        case .businessRule:
            return "Read webnic.errorMessage for the rule WebNIC applied and change the request accordingly."
        case .upstreamError:
            return "WebNIC failed on its side; send the request again after a short wait."
        case .network:
            return "Check DNS, firewall and proxy access to the WebNIC base URL, then send the request again."
        case .tls:
            return "The server's TLS certificate was refused or the handshake failed: check that the base URL's host name is the one the certificate names; if a proxy or a private CA signs it, give that CA's certificate with --ca-file (or WEBNIC_CA_FILE, SSL_CERT_FILE). Verification is never turned off."
        case .timeout:
            return "Send the request again; if it keeps happening, raise --timeout or check the network path to WebNIC."
        case .badUpstreamResponse:
            return "Check --base-url / WEBNIC_BASE_URL: the answer did not come from WebNIC's API at the expected route."
        case .configuration:
            return "Set the setting named in the message (credentials or base URL) and restart webnic-rpc."
        case .conflict:
            return "Someone changed the organization after you read it: re-read the organization and apply the change again."
        case .readOnly:
            return "webnic-rpc was started with --read-only (or WEBNIC_READ_ONLY): it reads and previews (dryRun) but never writes; restart it without that setting to write."
        case .outOfScope:
            return "webnic-rpc was started with limits (--organizations, --writable-fields, or WEBNIC_ORGANIZATIONS, WEBNIC_WRITABLE_FIELDS) that leave this out: nothing was sent. Ask the person who runs it to widen them if the call is meant."
        case .declined:
            return "The person was asked and did not approve the write: nothing was sent. Ask them what to change before trying again."
        case .approvalRequired:
            return "webnic-rpc was started with --confirm-writes (or WEBNIC_CONFIRM_WRITES): each write is approved by the person through an MCP question, and this caller cannot show one. Use an MCP host that shows questions (Claude Code, VS Code with Copilot, Cursor, Codex, goose), or start webnic-rpc without --confirm-writes and rely on the host's own approval. Reads and previews work."
        case .outcomeUnknown:
            return "An attempt of the write may have reached WebNIC without an answer saying what WebNIC did: read the organization (getOrganization) and compare it with what was sent before writing again. Do not simply send it again."
        case .internal:
            return "This is a bug in webnic-rpc; report it with the request that caused it."
        case .cancelled:
            return "The request was cancelled before it finished; send it again if it is still wanted."
        }
    }

    /// The category of a WebNIC client failure.
    package init(_ kind: WebNICError.Kind) {
        switch kind {
        case .validation: self = .webnicValidation
        case .notFound: self = .notFound
        case .unauthorized: self = .unauthorized
        case .forbidden: self = .forbidden
        case .rateLimited: self = .rateLimited
        case .businessRule: self = .businessRule
        case .upstream: self = .upstreamError
        case .network: self = .network
        case .tls: self = .tls
        case .timeout: self = .timeout
        case .badResponse: self = .badUpstreamResponse
        case .configuration: self = .configuration
        case .cancelled: self = .cancelled
        }
    }
}
