#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Execution

/// A file holding one secret (a password or a token), read once at start; and the check that a
/// file named by a setting can be read.
struct SecretFile {
    /// The secret, without the trailing newline(s) editors add.
    let text: String
    /// Whether the file's mode lets its group or others read it.
    let isReadableByOthers: Bool

    /// Reads `path`, or says precisely why it cannot be read: missing, a directory, not readable.
    static func load(_ path: String, variable: String) throws(UsageError) -> SecretFile {
        ThreadRole.assertMayBlock("reading \(variable)")
        let (descriptor, status) = try openChecked(path, variable: variable)
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count <= 1 << 20 {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        guard bytes.count <= 1 << 20 else { throw UsageError("\(variable) names \(path.debugDescription), which is over 1 MiB: not a secret.") }
        while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw UsageError("\(variable) names \(path.debugDescription), which is not UTF-8 text.")
        }
        guard !text.isEmpty else { throw UsageError("\(variable) names \(path.debugDescription), which is empty.") }
        return SecretFile(text: text, isReadableByOthers: status.st_mode & 0o044 != 0)
    }

    /// Checks that `path` is a file this user can read, or says precisely why not.
    static func requireReadable(_ path: String, variable: String) throws(UsageError) {
        close(try openChecked(path, variable: variable).descriptor)
    }

    /// The open file at `path` and its status, or why it cannot be read.
    private static func openChecked(_ path: String, variable: String) throws(UsageError) -> (descriptor: Int32, status: stat) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw UsageError("\(variable) names \(path.debugDescription), which \(errno == ENOENT ? "does not exist" : "cannot be read: \(String(cString: strerror(errno)))").")
        }
        guard status.st_mode & S_IFMT != S_IFDIR else {
            throw UsageError("\(variable) names \(path.debugDescription), which is a directory, not a file.")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw UsageError("\(variable) names \(path.debugDescription), which is not readable by this user (\(String(cString: strerror(errno)))).")
        }
        return (descriptor, status)
    }
}
