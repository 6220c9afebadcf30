#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Platform

/// Takes standard output for the protocol alone.
///
/// Keeps a private duplicate of file descriptor 1 for the protocol writer, then points
/// descriptor 1 at standard error, so that any stray `print` lands in the log, never in the stream.
enum ProtocolOutput {
    /// The protocol's output; after this call nothing else can write to the real stdout.
    static func claim() -> FileDescriptorOutput {
        let duplicate = fcntl(1, F_DUPFD_CLOEXEC, 3)
        guard duplicate >= 0 else { return FileDescriptorOutput(rawValue: 1) }
        dup2(2, 1)
        return FileDescriptorOutput(rawValue: duplicate)
    }
}
