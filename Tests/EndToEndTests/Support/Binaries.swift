import Foundation
import JSONCore

/// Where the built executables are: beside the test bundle, in the build products directory.
///
/// `WEBNIC_E2E_PLUGIN` names another `webnic-rpc` to test (the Apple configuration's, built by
/// `Tests/urlsession/run`); the suites ask it which transport it carries.
enum Binaries {
    static let directory: URL = {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: executable).deletingLastPathComponent()
        while url.path != "/", !FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("webnic-rpc").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// The `webnic-rpc` executable.
    static let plugin: String = ProcessInfo.processInfo.environment["WEBNIC_E2E_PLUGIN"].flatMap { $0.isEmpty ? nil : $0 }
        ?? directory.appendingPathComponent("webnic-rpc").path

    /// The transport `plugin` carries, as its doctor names the library step: `libcurl` or `urlsession`.
    static let transport: String = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: plugin)
        process.arguments = ["doctor", "--sandbox", "--json"]
        process.environment = ["PATH": "/usr/bin:/bin"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "unknown" }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let report = try? JSONParser.parse(Array(data))
        return report?["checks"]?.arrayValue?.dropFirst().first?["name"]?.stringValue ?? "unknown"
    }()
    /// The `webnic-sim` executable.
    static var simulator: String { directory.appendingPathComponent("webnic-sim").path }
}

/// The repository's root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
