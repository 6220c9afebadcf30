import WebNICService
import ErrorCategories

extension CommandLineOptions {
    /// The usage text printed by `--help`: the options, then the methods, tools and error
    /// categories, listed from the types that serve them.
    static var usage: String {
        let methods = WebNICMethods.methodNames.joined(separator: ", ")
        let tools = WebNICTools.toolNames.joined(separator: ", ")
        let categories = ErrorCategory.allCases.map { "  \($0.rawValue) \($0.code.rawValue)" }.joined(separator: "\n")
        return options + """

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

    private static let options = """
    Usage: webnic-rpc [options]
           webnic-rpc call METHOD [ARGS...] [--output json|text] [options]
           webnic-rpc doctor [--organization-id N] [--json] [options]

    A line-delimited JSON-RPC 2.0 plugin for WebNIC's SSL organization API: one request per line
    on stdin, one response per line on stdout, logs on stderr (read or redirect it). Also an MCP
    server on the same stdio, for a client that opens with initialize or server/discover.

    Commands:
      call METHOD [ARGS...]     Make one call and print its result on stdout (indented on a
                                terminal, one line otherwise); exit with the status below. ARGS are
                                key=value pairs typed by the method's parameters (organizationId=5,
                                changes.zip=01234 stays text, dryRun=true), key:=JSON for a raw
                                value, a JSON object, or - for a JSON object on stdin. A failure
                                prints nothing on stdout; stderr names the category, the message
                                and the hint, and its last line is the error as JSON. Logs only
                                errors unless --log-level is given.
        --output json|text      text: an organization as field: value lines, a change as
                                field: before → after lines, an error as one line.
      doctor                    Check the way to WebNIC step by step with the settings below
                                (configuration, libcurl, DNS, connection, TLS, token, organization,
                                route), print one line per step and exit: 0 when every step that ran
                                passed, 1 otherwise, 2 for a usage error. Never writes to WebNIC.
        --organization-id N     Also read organization N, and look for Get Organization Info's path.
        --json                  Print one JSON object instead of lines.

    Options:
      --sandbox                 Answer from the built-in WebNIC simulator: no credentials, no network.
                                Every WebNIC connection setting, flag or variable (environment,
                                base URL, credentials, IPv4, CA file, Get Organization Info path) is
                                then ignored, with a warning naming each.
      --env ote|production      WebNIC environment, any case (default: $WEBNIC_ENV, else ote).
      --base-url URL            Override the environment's base URL (default: $WEBNIC_BASE_URL).
                                https only, except http on a loopback host.
      --timeout SECONDS         Most time one request may take, all HTTP attempts included:
                                0.001 to 3600 (default 30).
      --max-in-flight N         Requests run at once, batch members each counting: 1 to 1024
                                (default 16); more wait their turn, up to 1024 read ahead.
      --max-message-bytes N     Longest request line accepted: 256 to 268435456 (default 1048576).
      --max-batch N             Most requests in one batch: 1 to 100000 (default 100).
      --max-response-bytes N    Largest answer accepted from WebNIC (its answers are a few KiB); a
                                larger one, declared or not, is refused while it arrives: 65536 to
                                268435456 (default 1048576).
      --retries N               Retries of a failed idempotent call after network, timeout, 5xx or
                                429: 0 to 10 (default 2).
      --retry-backoff SECONDS   First backoff, doubling per retry, with full jitter: 0 to 60 (default 0.25).
      --max-retry-after SECONDS Longest Retry-After honoured; longer fails at once: 0 to 3600 (default 30).
      --shutdown-grace SECONDS  After SIGTERM or SIGINT, time for running requests to finish:
                                0 to 3600 (default 10).
      --ipv4                    Connect to WebNIC over IPv4 only (its IP allow list is IPv4-only).
                                Linux only: refused on macOS.
      --ca-file PATH            Verify WebNIC's certificate against the CA certificates (PEM) in PATH
                                instead of the system's (default: $WEBNIC_CA_FILE, else
                                $SSL_CERT_FILE). Verification is never turned off. Linux only:
                                refused on macOS (add the CA to the keychain).
      --get-organization-path TEMPLATE
                                Get Organization Info's path, holding {organizationId} once (in a
                                segment or the query), in place of the assumed
                                /ssl/v2/organization/{organizationId} (default:
                                $WEBNIC_GET_ORGANIZATION_PATH); webnic-rpc doctor finds it.
      --read-only               Refuse every write before any network call; reads and dry runs work
                                (default: $WEBNIC_READ_ONLY, 1 or true).
      --confirm-writes          Send each write from an MCP tool only once the person approves it
                                through an MCP question (elicitation); writes from JSON-RPC and from
                                clients that cannot show questions are refused with
                                approval_required (default: $WEBNIC_CONFIRM_WRITES, 1 or true).
      --organizations ID,...    Only these organizations may be named by any call; others are
                                refused with out_of_scope before anything is sent (default:
                                $WEBNIC_ORGANIZATIONS).
      --writable-fields NAME,...
                                A write may change only these contact fields (and
                                technicalContactId); others are refused with out_of_scope
                                (default: $WEBNIC_WRITABLE_FIELDS).
      --audit-log PATH          Append a JSON line for each write before it is sent and when it ends,
                                and for each write refused (created 0600, synced; default:
                                $WEBNIC_AUDIT_LOG). Holds contact data.
      --lock-dir DIR            Where the locks live that serialize writes to one organization with
                                the other webnic-rpc processes of this user on this machine
                                (default: $WEBNIC_LOCK_DIR, else $XDG_RUNTIME_DIR/webnic-rpc, else
                                a private directory under $TMPDIR or /tmp).
      --log-level LEVEL         trace, debug, info, warning or error (default info).
      --log-format FORMAT       text or json (default text).
      --version                 Print the version and exit.
      --help, -h                Print this help and exit.

    Environment:
      WEBNIC_USERNAME, WEBNIC_PASSWORD   API user and secret (a token is minted and cached).
      WEBNIC_PASSWORD_FILE               Read the secret from this file instead (better: the
                                         environment of a process can be read while it runs).
      WEBNIC_TOKEN, WEBNIC_TOKEN_FILE    A fixed bearer token instead of user and secret.
      WEBNIC_ENV, WEBNIC_BASE_URL        As --env and --base-url.
      WEBNIC_CA_FILE                     As --ca-file; on Linux SSL_CERT_FILE and SSL_CERT_DIR are
                                         honoured as OpenSSL tools honour them.
      WEBNIC_GET_ORGANIZATION_PATH       As --get-organization-path.
      WEBNIC_READ_ONLY, WEBNIC_AUDIT_LOG As --read-only and --audit-log.
      WEBNIC_CONFIRM_WRITES              As --confirm-writes.
      WEBNIC_ORGANIZATIONS               As --organizations.
      WEBNIC_WRITABLE_FIELDS             As --writable-fields.
      WEBNIC_LOCK_DIR                    As --lock-dir.
      https_proxy, no_proxy              A proxy for WebNIC, as libcurl reads them; a loopback host
                                         is never reached through a proxy.
    """
}
