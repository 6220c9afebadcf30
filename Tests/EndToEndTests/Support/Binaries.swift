import Foundation

/// Where the built executables are: beside the test bundle, in the build products directory.
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
    static var plugin: String { directory.appendingPathComponent("webnic-rpc").path }
    /// The `webnic-sim` executable.
    static var simulator: String { directory.appendingPathComponent("webnic-sim").path }
}

/// The repository's root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
