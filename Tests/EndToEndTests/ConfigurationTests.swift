import Foundation
import JSONCore
import Testing

extension EndToEndTests {
    @Suite("Configuration, end to end")
    struct ConfigurationTests {
        @Test("a bad flag or value exits 2 with one line on stderr and nothing on stdout", arguments: [
            (["--bogus"], "webnic-rpc: unknown option \"--bogus\"; see --help.\n"),
            (["--timeout", "0"], "webnic-rpc: --timeout expects seconds from 0.001 to 3600, got \"0\".\n"),
            (["--timeout", "0.0001"], "webnic-rpc: --timeout expects seconds from 0.001 to 3600, got \"0.0001\".\n"),
            (["--retry-backoff", "nan"], "webnic-rpc: --retry-backoff expects seconds from 0 to 60, got \"nan\".\n"),
            (["--env", "staging"], "webnic-rpc: --env expects ote or production, got \"staging\".\n"),
            (["--log-level", "loud"], "webnic-rpc: --log-level expects trace, debug, info, warning or error, got \"loud\".\n"),
            (["--max-in-flight", "0"], "webnic-rpc: --max-in-flight expects a whole number from 1 to 1024, got \"0\".\n"),
            (["--base-url", "http://oteapi.webnic.cc"], "webnic-rpc: The base URL uses http on oteapi.webnic.cc, which is not a loopback host; use https (http is allowed only on 127.0.0.0/8, ::1 and localhost).\n"),
            (["--ca-file", "/nonexistent/ca.pem"], "webnic-rpc: --ca-file names \"/nonexistent/ca.pem\", which does not exist.\n"),
            (["doctor", "--bogus"], "webnic-rpc: unknown option \"--bogus\"; see --help.\n"),
            (["--timeout"], "webnic-rpc: --timeout needs a value; see --help.\n"),
        ])
        func badFlags(arguments: [String], stderr: String) async throws {
            let plugin = try Plugin(arguments)
            #expect(try await plugin.process.waitForExit() == 2)
            #expect(plugin.process.stderrText == stderr)
            #expect(plugin.process.stdoutBytes == [])
        }

        @Test("settings from the environment are checked the same way")
        func badEnvironment() async throws {
            let plugin = try Plugin([], environment: ["WEBNIC_BASE_URL": "http://10.0.0.1:8080"])
            #expect(try await plugin.process.waitForExit() == 2)
            #expect(plugin.process.stderrText.hasPrefix("webnic-rpc: The base URL uses http on 10.0.0.1"))
            let half = try Plugin([], environment: ["WEBNIC_USERNAME": "u"])
            #expect(try await half.process.waitForExit() == 2)
            #expect(half.process.stderrText == "webnic-rpc: WEBNIC_USERNAME is set but WEBNIC_PASSWORD (or WEBNIC_PASSWORD_FILE) is not.\n")
        }

        @Test("--version prints the version of schema/openrpc.json; --help prints usage")
        func versionAndHelp() async throws {
            let version = try Plugin(["--version"])
            #expect(try await version.process.waitForExit() == 0)
            let file = try JSONParser.parse(Array(try Data(contentsOf: packageRoot.appendingPathComponent("schema/openrpc.json"))))
            #expect(version.process.stdoutLines == ["webnic-rpc \(file["info"]?["version"]?.stringValue ?? "?")"])
            let help = try Plugin(["--help"])
            #expect(try await help.process.waitForExit() == 0)
            #expect(help.process.stdoutLines.first == "Usage: webnic-rpc [options]")
            let readme = try ["docs/configuration.md", "docs/doctor.md"].map {
                try String(contentsOf: packageRoot.appendingPathComponent($0), encoding: .utf8)
            }.joined()
            let flags = help.process.stdoutLines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
                .compactMap { $0.split(separator: " ").first?.trimmingCharacters(in: [","]) }
            #expect(flags.count == 28)
            #expect(flags.contains("--organization-id") && flags.contains("--json") && help.process.stdoutText.contains("-h "))
            for flag in flags { #expect(readme.contains("`\(flag)"), "docs/configuration.md and docs/doctor.md do not document \(flag)") }
            for variable in [
                "WEBNIC_USERNAME", "WEBNIC_PASSWORD", "WEBNIC_PASSWORD_FILE", "WEBNIC_TOKEN", "WEBNIC_TOKEN_FILE", "WEBNIC_ENV", "WEBNIC_BASE_URL",
                "WEBNIC_READ_ONLY", "WEBNIC_AUDIT_LOG", "WEBNIC_CONFIRM_WRITES", "WEBNIC_ORGANIZATIONS", "WEBNIC_WRITABLE_FIELDS", "WEBNIC_LOCK_DIR", "WEBNIC_CA_FILE", "WEBNIC_GET_ORGANIZATION_PATH", "SSL_CERT_FILE", "SSL_CERT_DIR",
            ] {
                #expect(readme.contains("`\(variable)`"))
                #expect(help.process.stdoutText.contains(variable))
            }
            // A variable that stands in for an option names it, and the option's default names the variable.
            let helpLines = help.process.stdoutLines
            let margin = String(repeating: " ", count: 28)
            /// Each entry of --help, its wrapped lines joined.
            let entries = helpLines.reduce(into: [String]()) { entries, line in
                if line.hasPrefix(margin), !entries.isEmpty { entries[entries.count - 1] += " " + line.trimmingCharacters(in: .whitespaces) } else { entries.append(line) }
            }
            let standIns = entries.compactMap { entry -> (variable: String, flag: String)? in
                let words = entry.split(separator: " ")
                guard entry.hasPrefix("  "), words.count >= 3, words[1] == "As", words[2].hasPrefix("--") else { return nil }
                return (String(words[0]), String(words[2].prefix { $0 != ":" && $0 != "." }))
            }
            #expect(standIns.count == 10)
            for (variable, flag) in standIns {
                let option = try #require(entries.first { $0.hasPrefix("  \(flag) ") }, "no option \(flag)")
                #expect(option.contains("$\(variable)"), "\(flag)'s default does not name \(variable)")
            }
            // --help names the JSON-RPC methods with a sample request, and the call command.
            let helpText = help.process.stdoutText
            #expect(helpText.contains("webnic-rpc call METHOD [ARGS...]"))
            #expect(helpText.contains("  getOrganization, planOrganizationContactChange, updateOrganizationContact, patchOrganizationContact, rpc.discover\n"))
            #expect(helpText.contains(#"  For example: {"jsonrpc":"2.0","id":1,"method":"getOrganization","params":{"organizationId":5}}"#))
            // The exit statuses of call: one table, printed by --help, in docs/errors.md and the README.
            let lines = help.process.stdoutLines
            let start = try #require(lines.firstIndex(of: "Exit status of call:"))
            let rows = lines[(start + 1)...].prefix { !$0.isEmpty }
            #expect(rows.count == 10)
            let errors = try String(contentsOf: packageRoot.appendingPathComponent("docs/errors.md"), encoding: .utf8)
            let front = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
            for row in rows {
                let status = row.split(separator: " ").first.map(String.init) ?? "?"
                let categories = row.split(separator: "(").dropFirst().joined(separator: "(").dropLast().split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                let documented = errors.split(separator: "\n").first { $0.hasPrefix("| \(status) |") } ?? ""
                let summarized = front.split(separator: "\n").first { $0.hasPrefix("| \(status) |") } ?? ""
                #expect(!documented.isEmpty && !summarized.isEmpty, "status \(status) is missing from docs/errors.md or the README")
                for category in categories where !category.isEmpty {
                    #expect(documented.contains("`\(category)`") && (status == "1" || summarized.contains("`\(category)`")), "\(category) under \(status)")
                }
            }
        }

        @Test("--env production is the default's alternative; the base URL shows in a dry run")
        func environments() async throws {
            for (arguments, url) in [([], "https://oteapi.webnic.cc"), (["--env", "production"], "https://api.webnic.cc"), (["--sandbox"], "https://sandbox.webnic-rpc.invalid")] {
                let plugin = try Plugin(arguments)
                let response = try await plugin.call("updateOrganizationContact", ["organizationId": 5, "organization": Fixtures.contact, "dryRun": true])
                #expect(response["result"]?["request"]?["url"] == .string(url + "/ssl/v2/organization/5/contact/update"))
            }
        }

        @Test("WEBNIC_PASSWORD_FILE and WEBNIC_TOKEN_FILE read the secret from a file")
        func secretFiles() async throws {
            let simulator = try await Simulator()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("webnic-rpc-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let passwordFile = directory.appendingPathComponent("password")
            try Data((Simulator.password + "\n").utf8).write(to: passwordFile)
            let plugin = try Plugin([], environment: [
                "WEBNIC_USERNAME": Simulator.username, "WEBNIC_PASSWORD_FILE": passwordFile.path, "WEBNIC_BASE_URL": simulator.baseURL,
            ])
            #expect(try await plugin.call("getOrganization", ["organizationId": 5])["result"] == (try json(Fixtures.organization5)))
            try Data((Simulator.password + "\r\n").utf8).write(to: passwordFile)
            let crlf = try Plugin([], environment: [
                "WEBNIC_USERNAME": Simulator.username, "WEBNIC_PASSWORD_FILE": passwordFile.path, "WEBNIC_BASE_URL": simulator.baseURL,
            ])
            #expect(try await crlf.call("getOrganization", ["organizationId": 6])["result"]?["organizationId"] == 6)

            let tokenFile = directory.appendingPathComponent("token")
            try Data("not-a-valid-token".utf8).write(to: tokenFile)
            let tokenPlugin = try Plugin([], environment: ["WEBNIC_TOKEN_FILE": tokenFile.path, "WEBNIC_BASE_URL": simulator.baseURL])
            let refused = try await tokenPlugin.call("getOrganization", ["organizationId": 5])
            #expect(refused["error"]?["data"]?["category"] == "unauthorized")
            #expect(refused["error"]?["data"]?["attempts"] == 1)
            #expect(!tokenPlugin.process.stderrText.contains("not-a-valid-token"))

            let missing = try Plugin([], environment: ["WEBNIC_TOKEN_FILE": directory.appendingPathComponent("absent").path])
            #expect(try await missing.process.waitForExit() == 2)
            #expect(missing.process.stderrText == "webnic-rpc: WEBNIC_TOKEN_FILE names \"\(directory.path)/absent\", which does not exist.\n")
            let folder = try Plugin([], environment: ["WEBNIC_USERNAME": "u", "WEBNIC_PASSWORD_FILE": directory.path])
            #expect(try await folder.process.waitForExit() == 2)
            #expect(folder.process.stderrText == "webnic-rpc: WEBNIC_PASSWORD_FILE names \"\(directory.path)\", which is a directory, not a file.\n")
        }

        @Test("a secret file others can read is used, with a warning naming the chmod; a token with a line break is refused")
        func secretFileHygiene() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("webnic-rpc-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let password = directory.appendingPathComponent("password").path
            #expect(FileManager.default.createFile(atPath: password, contents: Data("pw\n".utf8), attributes: [.posixPermissions: 0o644]))
            let shared = try Plugin([], environment: ["WEBNIC_USERNAME": "u", "WEBNIC_PASSWORD_FILE": password])
            #expect(try await shared.finish() == 0)
            #expect(shared.process.stderrText.contains("warning WEBNIC_PASSWORD_FILE \(password) can be read by other users than its owner; run: chmod 600 \(password)"))
            let injected = try Plugin([], environment: ["WEBNIC_TOKEN": "abc\r\nX-Evil: 1"])
            #expect(try await injected.process.waitForExit() == 2)
            #expect(injected.process.stderrText == "webnic-rpc: WEBNIC_TOKEN holds a line break inside the token; a bearer token is one line.\n")
        }

        @Test("--sandbox ignores every WebNIC connection setting, flags and variables alike, and names each in one warning")
        func sandboxIgnores() async throws {
            let plugin = try Plugin(["--sandbox", "--env", "production", "--ipv4"], environment: [
                "WEBNIC_ENV": "bogus", "WEBNIC_BASE_URL": "http://10.0.0.1", "WEBNIC_USERNAME": "u", "WEBNIC_PASSWORD_FILE": "/nonexistent",
            ])
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response["result"] == (try json(Fixtures.organization5)))
            #expect(try await plugin.finish() == 0)
            #expect(plugin.process.stderrText.contains("warning sandbox mode ignores --env, --ipv4, WEBNIC_ENV, WEBNIC_BASE_URL, WEBNIC_USERNAME, WEBNIC_PASSWORD_FILE\n"))
        }

        @Test("WEBNIC_ENV and --env take any case")
        func environmentCase() async throws {
            for (arguments, environment) in [(["--env", "PRODUCTION"], [:]), ([], ["WEBNIC_ENV": "Production"])] as [([String], [String: String])] {
                let plugin = try Plugin(arguments, environment: environment)
                let response = try await plugin.call("updateOrganizationContact", ["organizationId": 5, "organization": Fixtures.contact, "dryRun": true])
                #expect(response["result"]?["request"]?["url"] == "https://api.webnic.cc/ssl/v2/organization/5/contact/update")
            }
        }
    }
}
