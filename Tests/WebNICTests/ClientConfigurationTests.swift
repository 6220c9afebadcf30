import Testing
import WebNIC

@Suite("ClientConfiguration")
struct ClientConfigurationTests {
    @Test("https anywhere, http only on loopback; a trailing slash is dropped", arguments: [
        ("https://oteapi.webnic.cc", "https://oteapi.webnic.cc"),
        ("https://api.webnic.cc/", "https://api.webnic.cc"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.3.4.5", "http://127.3.4.5"),
        ("http://localhost:9/prefix/", "http://localhost:9/prefix"),
        ("http://[::1]:8080", "http://[::1]:8080"),
    ])
    func accepted(input: String, expected: String) throws {
        #expect(try ClientConfiguration.validateBaseURL(input) == expected)
    }

    @Test("everything else is refused with a message that says what to use", arguments: [
        ("http://oteapi.webnic.cc", "The base URL uses http on oteapi.webnic.cc, which is not a loopback host; use https (http is allowed only on 127.0.0.0/8, ::1 and localhost)."),
        ("http://128.0.0.1", "The base URL uses http on 128.0.0.1, which is not a loopback host; use https (http is allowed only on 127.0.0.0/8, ::1 and localhost)."),
        ("http://localhost.evil.example", "The base URL uses http on localhost.evil.example, which is not a loopback host; use https (http is allowed only on 127.0.0.0/8, ::1 and localhost)."),
        ("ftp://oteapi.webnic.cc", "The base URL scheme \"ftp\" is not supported; use https."),
        ("oteapi.webnic.cc", "The base URL \"oteapi.webnic.cc\" is not an absolute URL; use for example https://oteapi.webnic.cc."),
        ("https://user:pw@oteapi.webnic.cc", "The base URL must not carry credentials, a query or a fragment; give only scheme, host, port and path."),
    ])
    func refused(input: String, message: String) {
        #expect(throws: ConfigurationError(message)) { try ClientConfiguration.validateBaseURL(input) }
    }

    @Test("credentials never show their secret")
    func redaction() {
        let password = Credentials.password(username: "api-user", password: "s3cr3t-Pa55")
        #expect(password.description == "API user api-user (password redacted)")
        #expect(!String(reflecting: password).contains("s3cr3t"))
        #expect(!"\(Credentials.token("tok-123"))".contains("tok-123"))
    }
}
