#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Platform
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import WebNICService

/// Writes one line to standard error.
func printError(_ line: String) {
    FileDescriptorOutput.standardError.writeAll(Array("\(line)\n".utf8))
}

/// Writes text to standard output: only for `--help`, `--version` and `doctor`, never in protocol mode.
func printOutput(_ text: String) {
    FileDescriptorOutput(rawValue: 1).writeAll(Array("\(text)\n".utf8))
}

// A file-size limit reached by the audit log is a write that fails (and is refused), not the end
// of the process.
signal(SIGXFSZ, SIG_IGN)

let options: CommandLineOptions
let settings: RunSettings
do throws(UsageError) {
    options = try CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst()))
    if options.showHelp {
        printOutput(CommandLineOptions.usage)
        exit(0)
    }
    if options.showVersion {
        printOutput("webnic-rpc \(OpenRPCDocument.version)")
        exit(0)
    }
    settings = try RunSettings.resolve(options, environment: ProcessInfo.processInfo.environment)
} catch {
    printError("webnic-rpc: \(error.message)")
    exit(2)
}

switch options.command {
case .serve: ServeCommand.run(settings, options: options)
case .doctor: DoctorCommand.run(settings, options: options)
case .call(let method, let arguments): CallCommand.run(settings, options: options, method: method, arguments: arguments)
}
