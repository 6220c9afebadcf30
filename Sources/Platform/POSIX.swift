#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX constants whose spelling differs between glibc and Darwin in Swift: one place for
/// them, so that the code using sockets and pipes reads the same on Linux and macOS.
package enum POSIX {
    /// `SOCK_STREAM` as `socket(2)` takes it (an enum on glibc, an integer on Darwin).
    package static var streamSocket: Int32 {
        #if canImport(Glibc)
        Int32(SOCK_STREAM.rawValue)
        #else
        SOCK_STREAM
        #endif
    }

    /// The `send(2)` flag that keeps a write to a closed socket from raising SIGPIPE:
    /// `MSG_NOSIGNAL` on Linux; Darwin has none (webnic-rpc ignores SIGPIPE there, as everywhere).
    package static var noSignal: Int32 {
        #if canImport(Glibc)
        Int32(MSG_NOSIGNAL)
        #else
        0
        #endif
    }

    /// `FIONREAD`, the `ioctl(2)` request for the bytes waiting to be read (a macro Swift cannot
    /// import on Darwin: `_IOR('f', 127, int)`).
    package static var bytesWaiting: UInt {
        #if canImport(Glibc)
        UInt(FIONREAD)
        #else
        0x4004_667F
        #endif
    }
}
