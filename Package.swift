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
/// - `Diagnostics`: leveled logging to a handler the executable chooses (standard error written
///   without ever waiting for its reader), and the few POSIX helpers every layer shares
///   (descriptor output, constants spelt differently by Darwin).
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
/// - `WebNICBridge`: the JSON-RPC methods and MCP tools, parameter validation, the write policy
///   (read-only, limits, the person's approval), ordering per organization and error translation.
/// - `Doctor`: the steps of `webnic-rpc doctor`, from configuration to one organization, each with
///   the error category and hint a call would get.
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
        .target(name: "Diagnostics", dependencies: ["JSONCore", "Execution"]),
        .target(name: "JSONRPC", dependencies: ["JSONCore", "Execution", "Diagnostics"]),
        .target(name: "WebNIC", dependencies: ["JSONCore", "Execution", "Diagnostics"], swiftSettings: transportSettings),
        .target(name: "URLSessionTransport", dependencies: ["Diagnostics", "WebNIC"]),
        .target(name: "SafeChange", dependencies: ["JSONCore", "Execution", "Diagnostics", "WebNIC"]),
        .target(name: "WebNICSimulator", dependencies: ["JSONCore", "Execution", "Diagnostics", "WebNIC"]),
        .target(name: "MCP", dependencies: ["JSONCore", "Diagnostics", "JSONRPC"]),
        .target(name: "WebNICBridge", dependencies: ["JSONCore", "Diagnostics", "JSONRPC", "MCP", "WebNIC", "SafeChange"]),
        .target(name: "Doctor", dependencies: ["JSONCore", "Execution", "Diagnostics", "WebNIC", "WebNICBridge"]),
        .executableTarget(
            name: "webnic-rpc",
            dependencies: [
                "JSONCore", "Execution", "Diagnostics", "JSONRPC", "MCP", "WebNIC", "SafeChange", "WebNICBridge", "Doctor", "WebNICSimulator",
                .target(name: "URLSessionTransport", condition: urlSessionCondition),
            ],
            swiftSettings: transportSettings
        ),
        .executableTarget(name: "webnic-sim", dependencies: ["WebNIC", "WebNICSimulator"]),
        .executableTarget(name: "webnic-bench", dependencies: ["Diagnostics", "WebNIC", "URLSessionTransport"]),
        .executableTarget(name: "bench-echo"),

        .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore"]),
        .testTarget(name: "ExecutionTests", dependencies: ["Execution"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "JSONRPCTests", dependencies: ["JSONCore", "JSONRPC", "Execution", "Diagnostics"]),
        .testTarget(name: "MCPTests", dependencies: ["JSONCore", "JSONRPC", "MCP", "Diagnostics"]),
        .testTarget(name: "WebNICTests", dependencies: ["JSONCore", "WebNIC", "WebNICSimulator", "Diagnostics"]),
        .testTarget(name: "TransportTests", dependencies: ["Diagnostics", "WebNIC", "URLSessionTransport"], swiftSettings: transportSettings),
        .testTarget(name: "SafeChangeTests", dependencies: ["JSONCore", "WebNIC", "SafeChange", "WebNICSimulator", "Execution", "Diagnostics"]),
        .testTarget(
            name: "WebNICBridgeTests",
            dependencies: ["JSONCore", "JSONRPC", "MCP", "WebNIC", "SafeChange", "WebNICBridge", "WebNICSimulator", "Diagnostics"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["JSONCore", "webnic-rpc", "webnic-sim"]
        ),
    ]
)
