import ErrorCategories
import WebNICService

extension CommandLineOptions {
    /// The usage text printed by `--help`: the options, then the methods, tools and error
    /// categories, listed from the types that serve them.
    static var usage: String {
        let methods = WebNICMethods.methodNames.joined(separator: ", ")
        let tools = WebNICTools.toolNames.joined(separator: ", ")
        let categories = ErrorCategory.allCases.map { "  \($0.rawValue) \($0.code.rawValue)" }.joined(separator: "\n")
        return options + "\n" + """

        Exit status of call:
        \(ExitStatus.help)

        Methods (JSON-RPC 2.0, params by name; rpc.discover returns the whole contract):
          \(methods)
          For example: {"jsonrpc":"2.0","id":1,"method":"getOrganization","params":{"organizationId":5}}

        MCP tools (for a client that opens with initialize or server/discover):
          \(tools)

        Error categories (error.data.category, and the code):
        \(categories)
        """
    }

    /// The options part of the usage text, generated from `CommandLineOption.all`.
    private static var options: String {
        let all = CommandLineOption.all
        let callOptions = all.filter { if case .call = $0.scope { true } else { false } }
        return header + "\n\n" + """
        Commands:
        \(entry("call METHOD [ARGS...]", callText, indent: 2))
        \(callOptions.map { entry($0, indent: 4) }.joined(separator: "\n"))
        \(entry("doctor", doctorText, indent: 2))
        \(all.filter { $0.scope == .doctor }.map { entry($0, indent: 4) }.joined(separator: "\n"))

        Options:
        \(all.filter { $0.scope == .everyCommand }.map { entry($0, indent: 2) }.joined(separator: "\n"))
        """ + "\n\n" + environment
    }

    /// The column descriptions start at, and the width of the text.
    private static let descriptionColumn = 28, lineWidth = 100

    /// One option's entry: its flags and value, then its help and default, wrapped.
    private static func entry(_ option: CommandLineOption, indent: Int) -> String {
        var label = option.flags.joined(separator: ", ")
        if let value = option.value { label += " \(value)" }
        // A default follows a range in brackets, and sentences as one more sentence.
        var text = option.help
        switch (option.shownDefault, text.hasSuffix(".")) {
        case (let shown?, true): text += " Default: \(shown)."
        case (let shown?, false): text += " (default \(shown))."
        case (nil, true): break
        case (nil, false): text += "."
        }
        return entry(label, text, indent: indent)
    }

    /// `label` at `indent`, and `text` wrapped in the description column (beside the label when it
    /// fits, else from the next line).
    private static func entry(_ label: String, _ text: String, indent: Int) -> String {
        let margin = String(repeating: " ", count: descriptionColumn)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, descriptionColumn + line.count + 1 + word.count > lineWidth {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        lines.append(line)
        let head = String(repeating: " ", count: indent) + label
        if head.count < descriptionColumn {
            lines[0] = head + String(repeating: " ", count: descriptionColumn - head.count) + lines[0]
            return ([lines[0]] + lines.dropFirst().map { margin + $0 }).joined(separator: "\n")
        }
        return ([head] + lines.map { margin + $0 }).joined(separator: "\n")
    }

    private static let header = """
    Usage: webnic-rpc [options]
           webnic-rpc call METHOD [ARGS...] [--output json|text] [options]
           webnic-rpc doctor [--organization-id N] [--json] [options]

    A line-delimited JSON-RPC 2.0 plugin for WebNIC's SSL organization API: one request per line
    on stdin, one response per line on stdout, logs on stderr (read or redirect it). Also an MCP
    server on the same stdio, for a client that opens with initialize or server/discover.
    """

    private static let callText = """
    Make one call and print its result on stdout (indented on a terminal, one line otherwise); exit \
    with the status below. ARGS are key=value pairs typed by the method's parameters \
    (organizationId=5, changes.zip=01234 stays text, dryRun=true), key:=JSON for a raw value, a JSON \
    object, or - for a JSON object on stdin. A failure prints nothing on stdout; stderr names the \
    category, the message and the hint, and its last line is the error as JSON. Logs only errors \
    unless --log-level is given.
    """

    private static let doctorText = """
    Check the way to WebNIC step by step with the settings below (configuration, libcurl, DNS, \
    connection, TLS, token, organization, route), print one line per step and exit: 0 when every \
    step that ran passed, 1 otherwise, 2 for a usage error. Never writes to WebNIC.
    """

    /// The Environment section, generated from `EnvironmentVariable`.
    private static var environment: String {
        "Environment:\n" + EnvironmentVariable.allCases.map { entry($0.rawValue, $0.help, indent: 2) }.joined(separator: "\n")
    }
}
