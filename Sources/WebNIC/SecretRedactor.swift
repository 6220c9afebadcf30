import JSONCore
import Platform
import Synchronization

/// Removes every known secret (the password, each token in use) from text that came back from
/// upstream, in every form an echo could give it: as sent, JSON-escaped (with `\/` and `\uXXXX`
/// too), URL-encoded (upper or lower case, `+` for a space), HTML-escaped, and in base64 (the
/// secret, and `Bearer <token>`, at any alignment). Text wrapped in layers of those (escaped twice,
/// every character as `\uXXXX`, numeric HTML references, HTML inside JSON) is taken out of its
/// layers (`EchoDecoding`); a string that then shows a secret is replaced by its plain text,
/// redacted.
///
/// Applied to failed responses only: an error page or envelope that echoes the request must not
/// carry a secret into an error, a log or a model's context. A successful answer holds the
/// organization's data, which is never rewritten (a value changed here could be written back).
/// Thread-safe.
final class SecretRedactor: Sendable {
    /// What a secret is replaced with.
    static let marker = Array("[redacted]".utf8)
    /// Tokens remembered at most (they change hourly): the oldest are forgotten first.
    static let tokensKept = 16

    private struct State {
        var fixed: [[UInt8]] = []
        var tokens: [[[UInt8]]] = []
        /// The secrets as they are, for the plain text of a string taken out of its layers.
        var plain: [String] = []
        var tokenPlain: [String] = []
    }

    private let state: Mutex<State>

    /// A redactor of `secrets` (a password, a fixed token).
    init(secrets: [String]) {
        var state = State()
        // Each form in base64 too: an echo may encode the request as it was sent (escaped).
        state.fixed = secrets.flatMap { secret in
            let forms = Self.forms(of: secret)
            return forms + forms.flatMap { Self.base64Forms(of: String(decoding: $0, as: UTF8.self)) }
        }
        state.plain = secrets.filter { $0.utf8.count >= 4 }
        self.state = Mutex(state)
    }

    /// Adds a token minted while the process runs.
    func add(token: String) {
        state.withLock { state in
            state.tokens.append(Self.forms(of: token) + Self.base64Forms(of: token) + Self.base64Forms(of: "Bearer " + token))
            state.tokenPlain.append(token)
            if state.tokens.count > Self.tokensKept {
                state.tokens.removeFirst()
                state.tokenPlain.removeFirst()
            }
        }
    }

    /// `response` with every known secret in its body replaced by `[redacted]`.
    func redact(_ response: HTTPResponse) -> HTTPResponse {
        let (forms, plainSecrets) = state.withLock { state in
            (state.fixed + state.tokens.flatMap { $0 }, state.plain + state.tokenPlain)
        }
        // Longest first, so that a form containing another is replaced whole.
        let ordered = forms.sorted(by: { $0.count > $1.count })
        func replaced(_ bytes: [UInt8]) -> [UInt8] {
            var bytes = bytes
            for form in ordered { bytes = Self.replacing(form, in: bytes) }
            return bytes
        }
        var body = replaced(response.body)
        // What is left may still hide a secret under layers of encoding: look at the plain text.
        func unwrapped(_ text: String) -> String? {
            let plain = EchoDecoding.plain(text)
            guard plainSecrets.contains(where: { plain.contains($0) }) else { return nil }
            return String(decoding: replaced(Array(plain.utf8)), as: UTF8.self)
        }
        if let value = try? JSONParser.parse(body) {
            let cleaned = Self.mapStrings(value) { unwrapped($0) ?? $0 }
            if cleaned != value { body = Array(cleaned.jsonText.utf8) }
        } else if let plain = unwrapped(String(decoding: body, as: UTF8.self)) {
            body = Array(plain.utf8)
        }
        guard body != response.body else { return response }
        var redacted = response
        redacted.body = body
        return redacted
    }

    /// The forms `secret` may take in an echo, each at least 4 bytes long (shorter ones would
    /// match ordinary text), without repeats.
    static func forms(of secret: String) -> [[UInt8]] {
        var forms: [String] = [secret]
        var json = ""
        var jsonSlash = ""
        var jsonASCII = ""
        for scalar in secret.unicodeScalars {
            let escaped: String
            switch scalar {
            case "\"": escaped = "\\\""
            case "\\": escaped = "\\\\"
            case "\n": escaped = "\\n"
            case "\r": escaped = "\\r"
            case "\t": escaped = "\\t"
            case _ where scalar.value < 0x20: escaped = "\\u" + scalar.value.zeroPadded(to: 4, radix: 16)
            default: escaped = String(scalar)
            }
            json += escaped
            jsonSlash += scalar == "/" ? "\\/" : escaped
            if scalar.value > 0x7F {
                for unit in String(scalar).utf16 { jsonASCII += "\\u" + unit.zeroPadded(to: 4, radix: 16) }
            } else {
                jsonASCII += escaped
            }
        }
        forms += [json, jsonSlash, jsonASCII, jsonASCII.uppercasedEscapes]
        for upper in [true, false] {
            var percent = ""
            var form = ""
            for byte in secret.utf8 {
                let unreserved = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-._~".utf8.contains(byte)
                let encoded = unreserved ? String(UnicodeScalar(byte)) : "%" + byte.zeroPadded(to: 2, radix: 16, uppercase: upper)
                percent += encoded
                form += byte == UInt8(ascii: " ") ? "+" : encoded
            }
            forms += [percent, form]
        }
        forms.append(HTMLEntities.encode(secret))
        var unique: [[UInt8]] = []
        for form in forms.map({ Array($0.utf8) }) where form.count >= 4 && !unique.contains(form) { unique.append(form) }
        return unique
    }

    /// The base64 forms of `secret` inside any base64 text (standard and URL-safe alphabets): for
    /// each of the three alignments it can start at, the characters that depend on its bytes alone.
    static func base64Forms(of secret: String) -> [[UInt8]] {
        let bytes = Array(secret.utf8)
        var forms: [[UInt8]] = []
        for offset in 0..<3 {
            let encoded = Base64.encode(Array(repeating: 0, count: offset) + bytes)
            // Characters holding bits of the prefix or of what follows vary: drop them.
            let first = offset == 0 ? 0 : (offset * 8 + 5) / 6
            let last = ((offset + bytes.count) * 8) / 6
            guard last - first >= 8 else { continue }
            let core = Array(encoded[first..<last])
            forms.append(core)
            forms.append(core.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: "-") : $0 == UInt8(ascii: "/") ? UInt8(ascii: "_") : $0 })
        }
        var unique: [[UInt8]] = []
        for form in forms where !unique.contains(form) { unique.append(form) }
        return unique
    }

    /// `value` with each string passed through `transform`, at every depth.
    private static func mapStrings(_ value: JSONValue, _ transform: (String) -> String) -> JSONValue {
        switch value {
        case .string(let text): return .string(transform(text))
        case .array(let elements): return .array(elements.map { mapStrings($0, transform) })
        case .object(let object):
            return .object(JSONObject(object.members.map { JSONObject.Member(key: $0.key, value: mapStrings($0.value, transform)) }))
        default: return value
        }
    }

    /// `bytes` with each occurrence of `needle` replaced by the marker.
    private static func replacing(_ needle: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        guard let first = needle.first, bytes.count >= needle.count else { return bytes }
        var result: [UInt8] = []
        var index = 0
        var copied = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) {
                result += bytes[copied..<index]
                result += marker
                index += needle.count
                copied = index
            } else {
                index += 1
            }
        }
        guard copied > 0 else { return bytes }
        result += bytes[copied...]
        return result
    }
}

private extension String {
    /// `\u00e9` written `\u00E9`: JSON allows either case for the hex digits of an escape.
    var uppercasedEscapes: String {
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: "\\u") {
            result += rest[..<range.upperBound]
            let digits = rest[range.upperBound...].prefix(4)
            result += digits.uppercased()
            rest = rest[digits.endIndex...]
        }
        return result + rest
    }
}
