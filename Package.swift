// swift-tools-version:6.0
import PackageDescription

/// webnic-rpc: a line-delimited JSON-RPC 2.0 plugin for WebNIC's SSL organization API.
///
/// One module per layer; each depends only on the layers below it:
/// - `JSONCore`: a JSON value that keeps number literals exactly, with a strict parser and a compact writer.
/// - `Execution`: the threading model, in one place: which threads serve calls and the rule that
///   they never block (`ThreadRole`), the queue blocking work goes to, the inline task executor,
///   thread scopes and deferred writes, and how long each serving thread spins before it sleeps.
///   See docs/architecture.md, "Threads and concurrency".
/// - `Platform`: what the operating system gives, spelt once for Linux and Darwin: POSIX constants,
///   whole writes to a descriptor, standard error written without ever waiting for its reader,
///   UTC timestamps, random ids, and the number formats they use (durations, zero-padded digits).
/// - `Log`: leveled logging to a handler the executable chooses, with a threshold shared on purpose
///   (`LogThreshold`), and the standard error handler (text or JSON lines).
/// - `JSONRPC`: message model, line framing and the server loop; knows nothing of WebNIC.
/// - `WebNIC`: the REST client (configuration, token, the libcurl transport of Linux, routes,
///   envelope, errors); knows nothing of JSON-RPC.
/// - `URLSessionTransport`: the transport of Apple platforms, on Foundation's `URLSession`; linked
///   into webnic-rpc on macOS, and on Linux in Apple's configuration (below), the shared transport
///   tests and the benchmark.
/// - `SafeChange`: changes made safely: merge patch, diff, the `expectedModifiedAt` check, the audit
///   log, the locks that serialize writes across processes, and the read-merge-write path that
///   ties them; knows nothing of JSON-RPC.
/// - `MCP`: the Model Context Protocol, both eras, on a JSON-RPC connection; knows nothing of WebNIC.
/// - `ErrorCategories`: the table of every failure a call can end in (name, retryability, title,
///   hint) and the category of each WebNIC failure; shared by the service and `doctor`.
/// - `WebNICService`: the service: the JSON-RPC methods (each with its typed params) and MCP tools,
///   parameter validation, the write policy (read-only, limits, the person's approval), ordering
///   per organization, and error translation with each category's JSON-RPC code.
/// - `Doctor`: the steps of `webnic-rpc doctor`, from configuration to one organization, each with
///   the error category and hint a call would get; it needs neither JSON-RPC, MCP nor the service.
/// - `WebNICSimulator`: an in-memory WebNIC, in-process or over loopback HTTP.
///
/// The transport: libcurl on Linux, URLSession on Apple platforms. `WEBNIC_TRANSPORT=urlsession`
/// builds Apple's configuration on Linux too (URLSession through FoundationNetworking, no file of
/// the libcurl transport compiled), so that what macOS compiles is built and tested here.
let appleTransportEverywhere: Bool = {
    switch Context.environment["WEBNIC_TRANSPORT"] {
    case nil, "", "libcurl": return false
    case "urlsession": return true
    case let other?: fatalError("WEBNIC_TRANSPORT is \(other); it takes urlsession (Apple's transport on every platform) or libcurl (the default)")
    }
}()
/// `WEBNIC_LIBCURL` is defined where the libcurl transport is compiled.
let transportSettings: [SwiftSetting] = appleTransportEverywhere ? [] : [.define("WEBNIC_LIBCURL", .when(platforms: [.linux]))]
let urlSessionCondition: TargetDependencyCondition? = appleTransportEverywhere ? nil : .when(platforms: [.macOS])

let package = Package(
    name: "webnic-rpc",
    // Synchronization.Mutex, and task executors, need macOS 15.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "webnic-rpc", targets: ["webnic-rpc"]),
        .executable(name: "webnic-sim", targets: ["webnic-sim"]),
        .executable(name: "webnic-bench", targets: ["webnic-bench"]),
    ],
    targets: [
        .target(name: "JSONCore"),
        .target(name: "Execution"),
        .target(name: "Platform", dependencies: ["Execution"]),
        .target(name: "Log", dependencies: ["JSONCore", "Platform"]),
        .target(name: "JSONRPC", dependencies: ["JSONCore", "Execution", "Platform", "Log"]),
        .target(name: "WebNIC", dependencies: ["JSONCore", "Execution", "Platform", "Log"], swiftSettings: transportSettings),
        .target(name: "URLSessionTransport", dependencies: ["Platform", "WebNIC"]),
        .target(name: "SafeChange", dependencies: ["JSONCore", "Execution", "Platform", "Log", "WebNIC"]),
        .target(name: "WebNICSimulator", dependencies: ["JSONCore", "Execution", "Platform", "WebNIC"]),
        .target(name: "MCP", dependencies: ["JSONCore", "Log", "JSONRPC"]),
        .target(name: "ErrorCategories", dependencies: ["WebNIC"]),
        .target(name: "WebNICService", dependencies: ["JSONCore", "Platform", "Log", "JSONRPC", "MCP", "WebNIC", "SafeChange", "ErrorCategories"]),
        .target(name: "Doctor", dependencies: ["JSONCore", "Execution", "Platform", "Log", "WebNIC", "ErrorCategories"]),
        .executableTarget(
            name: "webnic-rpc",
            dependencies: [
                "JSONCore", "Execution", "Platform", "Log", "JSONRPC", "WebNIC", "SafeChange", "ErrorCategories", "WebNICService", "Doctor",
                "WebNICSimulator", .target(name: "URLSessionTransport", condition: urlSessionCondition),
            ],
            swiftSettings: transportSettings
        ),
        .executableTarget(name: "webnic-sim", dependencies: ["WebNIC", "WebNICSimulator"]),
        .executableTarget(name: "webnic-bench", dependencies: ["Platform", "WebNIC", "URLSessionTransport"]),
        .executableTarget(name: "bench-echo"),

        .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore"]),
        .testTarget(name: "ExecutionTests", dependencies: ["Execution"]),
        .testTarget(name: "PlatformTests", dependencies: ["Platform"]),
        .testTarget(name: "JSONRPCTests", dependencies: ["JSONCore", "JSONRPC", "Execution", "Platform", "Log"]),
        .testTarget(name: "MCPTests", dependencies: ["JSONCore", "JSONRPC", "MCP", "Log"]),
        .testTarget(name: "WebNICTests", dependencies: ["JSONCore", "WebNIC", "WebNICSimulator", "Log"]),
        .testTarget(name: "TransportTests", dependencies: ["Platform", "WebNIC", "URLSessionTransport"], swiftSettings: transportSettings),
        .testTarget(name: "DoctorTests", dependencies: ["Doctor", "Log", "WebNIC", "WebNICSimulator"]),
        .testTarget(name: "SafeChangeTests", dependencies: ["JSONCore", "WebNIC", "SafeChange", "WebNICSimulator"]),
        .testTarget(
            name: "WebNICServiceTests",
            dependencies: ["JSONCore", "JSONRPC", "MCP", "WebNIC", "SafeChange", "ErrorCategories", "WebNICService", "WebNICSimulator"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["JSONCore", "webnic-rpc", "webnic-sim"]
        ),
    ]
)
