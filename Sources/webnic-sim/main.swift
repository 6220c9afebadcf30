#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WebNIC
import WebNICSimulator

/// `webnic-sim`: a WebNIC simulator on a loopback port, for tests and for trying webnic-rpc.
///
/// Prints `{"port": N}` as its first stdout line once it listens, then serves until SIGTERM or SIGINT.
let usage = """
Usage: webnic-sim [--port N] [--username U] [--password P] [--token-lifetime SECONDS]
                  [--get-organization-path TEMPLATE]

Serves a WebNIC simulator over HTTP/1.1 on 127.0.0.1 (port 0 picks a free port) and prints
{"port": N} on stdout once it listens. Defaults: port 0, the sandbox credentials
(\(SimulatorSettings.sandboxUsername) / \(SimulatorSettings.sandboxPassword)), tokens living 3600 s, Get Organization
Info at \(Route.getOrganization.template) (--get-organization-path serves it at TEMPLATE
instead, holding {organizationId} in a segment or the query, and nowhere else).
Control API: POST /__sim/faults, GET /__sim/requests, GET /__sim/stats.
"""

func fail(_ message: String) -> Never {
    let line = "webnic-sim: \(message)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(2)
}

var port = 0
var settings = SimulatorSettings()
var arguments = CommandLine.arguments.dropFirst()
let valueFlags = ["--port", "--username", "--password", "--token-lifetime", "--get-organization-path"]
while let flag = arguments.popFirst() {
    if flag == "--help" || flag == "-h" {
        print(usage)
        exit(0)
    }
    guard valueFlags.contains(flag) else { fail("unknown option \(flag.debugDescription); see --help.") }
    guard let value = arguments.popFirst() else { fail("\(flag) needs a value; see --help.") }
    switch flag {
    case "--port":
        guard let number = Int(value), (0...65535).contains(number) else { fail("--port expects 0 to 65535, got \(value.debugDescription).") }
        port = number
    case "--username": settings.username = value
    case "--password": settings.password = value
    case "--token-lifetime":
        guard let seconds = Int(value), seconds > 0 else { fail("--token-lifetime expects whole seconds above 0, got \(value.debugDescription).") }
        settings.tokenLifetime = seconds
    case "--get-organization-path":
        do throws(ConfigurationError) {
            settings.routes = try RouteTable(getOrganizationPath: value)
        } catch {
            fail(error.message)
        }
    default: fail("unknown option \(flag.debugDescription); see --help.")
    }
}

let server: SimulatorHTTPServer
do {
    server = try SimulatorHTTPServer(simulator: WebNICSimulator(settings: settings), port: port)
} catch {
    fail(error.description)
}
signal(SIGPIPE, SIG_IGN)
let announcement = "{\"port\":\(server.port)}\n"
_ = announcement.withCString { write(1, $0, strlen($0)) }
var signals = sigset_t()
sigemptyset(&signals)
sigaddset(&signals, SIGTERM)
sigaddset(&signals, SIGINT)
pthread_sigmask(SIG_BLOCK, &signals, nil)
var received: Int32 = 0
sigwait(&signals, &received)
server.stop()
exit(0)
