import JSONCore
import Platform
import WebNIC

extension WebNICSimulator {
    /// The request as an echoing server or proxy would show it: its line, its `Authorization`
    /// header (as sent and in base64, alone and inside a longer text), its body as sent, then each
    /// string of a JSON body URL-encoded (as a form), JSON-escaped in ASCII (`\/`, `\u00e9`),
    /// escaped as Go does (`\u0026`), every character as `\uXXXX`, escaped twice, as decimal and
    /// hexadecimal HTML references, and in base64.
    static func echo(_ request: SimulatedRequest) -> String {
        var lines = ["\(request.method) \(request.target)"]
        if let authorization = request.headers["authorization"] {
            lines.append("authorization: \(authorization)")
            lines.append("authorization64: " + base64(Array(authorization.utf8)))
            lines.append("headers64: " + base64(Array("Accept: */*\r\nAuthorization: \(authorization)\r\n".utf8)))
        }
        lines.append(String(decoding: request.body, as: UTF8.self))
        if let fields = (try? JSONParser.parse(request.body))?.objectValue?.members.filter({ $0.value.stringValue != nil }), !fields.isEmpty {
            func percent(_ text: String) -> String {
                text.utf8.map { byte in
                    let safe = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    return safe ? String(UnicodeScalar(byte)) : "%" + byte.zeroPadded(to: 2, radix: 16, uppercase: true)
                }.joined()
            }
            func ascii(_ text: String) -> String {
                text.unicodeScalars.map { scalar in
                    switch scalar {
                    case "\"": return "\\\""
                    case "\\": return "\\\\"
                    case "/": return "\\/"
                    case _ where scalar.value > 0x7E || scalar.value < 0x20:
                        return String(scalar).utf16.map { "\\u" + $0.zeroPadded(to: 4, radix: 16) }.joined()
                    default: return String(scalar)
                    }
                }.joined()
            }
            func go(_ text: String) -> String {
                ascii(text).replacing("&", with: "\\u0026").replacing("<", with: "\\u003c").replacing(">", with: "\\u003e")
            }
            func every(_ text: String) -> String {
                text.utf16.map { "\\u" + $0.zeroPadded(to: 4, radix: 16) }.joined()
            }
            func entities(_ text: String, hex: Bool) -> String {
                text.unicodeScalars.map { scalar in
                    scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) ? String(scalar)
                        : hex ? "&#x\(String(scalar.value, radix: 16));" : "&#\(scalar.value);"
                }.joined()
            }
            func value(_ member: JSONObject.Member) -> String { member.value.stringValue ?? "" }
            lines.append("form: " + fields.map { "\($0.key)=\(percent(value($0)))" }.joined(separator: "&"))
            lines.append("json: " + fields.map { "\"\($0.key)\":\"\(ascii(value($0)))\"" }.joined(separator: ","))
            lines.append("go: " + fields.map { "\"\($0.key)\":\"\(go(value($0)))\"" }.joined(separator: ","))
            lines.append("every: " + fields.map { "\"\($0.key)\":\"\(every(value($0)))\"" }.joined(separator: ","))
            lines.append("twice: " + ascii(fields.map { "\"\($0.key)\":\"\(ascii(value($0)))\"" }.joined(separator: ",")))
            lines.append("entities: " + fields.map { "\($0.key)=\(entities(value($0), hex: false))" }.joined(separator: "&amp;"))
            lines.append("hexEntities: " + fields.map { "\($0.key)=\(entities(value($0), hex: true))" }.joined(separator: "&amp;"))
            lines.append("body64: " + base64(request.body))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `bytes` in base64, as text.
    static func base64(_ bytes: [UInt8]) -> String {
        String(decoding: Base64.encode(bytes), as: UTF8.self)
    }
}
