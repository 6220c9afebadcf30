import ErrorCategories
import JSONRPC

extension ErrorCategory {
    /// The JSON-RPC error code: the specification's for `invalid_params` and `internal`,
    /// `-32800` for `cancelled`, and `1001…1018` (outside the reserved range) for the rest.
    package var code: ErrorCode {
        switch self {
        case .invalidParams: return .invalidParams
        case .webnicValidation: return ErrorCode(rawValue: 1001)
        case .notFound: return ErrorCode(rawValue: 1002)
        case .unauthorized: return ErrorCode(rawValue: 1003)
        case .forbidden: return ErrorCode(rawValue: 1004)
        case .rateLimited: return ErrorCode(rawValue: 1005)
        case .businessRule: return ErrorCode(rawValue: 1006)
        case .upstreamError: return ErrorCode(rawValue: 1007)
        case .network: return ErrorCode(rawValue: 1008)
        case .timeout: return ErrorCode(rawValue: 1009)
        case .badUpstreamResponse: return ErrorCode(rawValue: 1010)
        case .configuration: return ErrorCode(rawValue: 1011)
        case .conflict: return ErrorCode(rawValue: 1012)
        case .readOnly: return ErrorCode(rawValue: 1013)
        case .tls: return ErrorCode(rawValue: 1014)
        case .outOfScope: return ErrorCode(rawValue: 1015)
        case .declined: return ErrorCode(rawValue: 1016)
        case .approvalRequired: return ErrorCode(rawValue: 1017)
        case .outcomeUnknown: return ErrorCode(rawValue: 1018)
        case .internal: return .internalError
        case .cancelled: return .requestCancelled
        }
    }
}
