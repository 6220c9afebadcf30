#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Execution
import WebNIC

/// Writes to one organization serialized across the webnic-rpc processes of this user on this
/// machine: an advisory lock (`flock`) on a file per WebNIC host and organization, in a private
/// directory, held from the read that plans a write until the write's answer.
///
/// Waiting holds no thread: each try is a non-blocking `flock` on the locks' own queue, and the
/// caller sleeps between tries, as cancellable and bounded by its deadline as any call. The lock
/// goes with the process: one that dies releases it. Processes of other users or on other machines
/// are not serialized (WebNIC has no conditional update).
package final class OrganizationLocks: Sendable {
    /// The directory of the lock files.
    package let directory: String
    private let queue = BlockingQueue(label: "webnic-locks")

    /// Locks in `directory`, created (0700) when missing; refused when it is not a directory this
    /// user owns that others cannot write to. Blocking: for start-up.
    package init(directory: String) throws(LockDirectoryError) {
        ThreadRole.assertMayBlock("preparing the lock directory")
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            throw LockDirectoryError(directory: directory, reason: String(cString: strerror(errno)))
        }
        var status = stat()
        guard stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw LockDirectoryError(directory: directory, reason: "not a directory")
        }
        guard status.st_uid == getuid(), status.st_mode & 0o022 == 0 else {
            throw LockDirectoryError(directory: directory, reason: "it belongs to another user, or others may write to it")
        }
        self.directory = directory
    }

    /// The directory used when none is given: `$XDG_RUNTIME_DIR/webnic-rpc`, else a private one
    /// under the temporary directory, named for this user.
    package static func defaultDirectory(environment: [String: String]) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty { return runtime + "/webnic-rpc" }
        let temporary = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return "\(temporary)/webnic-rpc-\(getuid())"
    }

    /// The lock of organization `organizationId` of the WebNIC at `host`, once no other process
    /// holds it; `timeout` when `deadline` passes first, `cancelled` when the caller is.
    func acquire(_ organizationId: Int64, host: String, deadline: ContinuousClock.Instant) async throws(WebNICError) -> Held {
        let name = host.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }
        let path = "\(directory)/\(String(name))-organization-\(organizationId).lock"
        let descriptor = await queue.run { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600) }
        guard descriptor >= 0 else {
            // An unusable lock file serializes nothing, and stops nothing: the write goes on.
            return Held(descriptor: -1, queue: queue)
        }
        var pause = Duration.milliseconds(2)
        while await !queue.run({ flock(descriptor, LOCK_EX | LOCK_NB) == 0 }) {
            let failure: WebNICError? = if Task.isCancelled {
                WebNICError.cancelled()
            } else if ContinuousClock.now + pause > deadline {
                WebNICError(kind: .timeout, message: "Another webnic-rpc process on this machine was changing organization \(organizationId) until the timeout: nothing was sent.")
            } else {
                nil
            }
            if let failure {
                queue.submit { close(descriptor) }
                throw failure
            }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(50))
        }
        return Held(descriptor: descriptor, queue: queue)
    }

    /// A lock held: released by `release()` (closing its file).
    final class Held: Sendable {
        private let descriptor: Int32
        private let queue: BlockingQueue

        init(descriptor: Int32, queue: BlockingQueue) {
            self.descriptor = descriptor
            self.queue = queue
        }

        /// Lets the next process in.
        func release() {
            guard descriptor >= 0 else { return }
            let descriptor = descriptor
            queue.submit { close(descriptor) }
        }
    }
}

/// Why the lock directory cannot be used.
package struct LockDirectoryError: Error, Sendable, CustomStringConvertible {
    /// The directory holding one lock file per WebNIC host and organization.
    package let directory: String
    /// Why, in the system's words.
    package let reason: String

    /// What to say of it.
    package var description: String { "the lock directory \(directory) cannot be used (\(reason))" }
}
