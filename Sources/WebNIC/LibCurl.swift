#if WEBNIC_LIBCURL
// libcurl is the transport of Linux only (see `LibCurl`); Apple's configuration uses URLSession.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few functions of the system's libcurl that `CurlTransport` uses, loaded at run time: the
/// easy interface to set a transfer up, the multi interface to run many on one thread.
///
/// Loading with `dlopen` needs neither libcurl's headers nor its development package to build,
/// and the binary links nothing of libcurl: the library is found when the first request is sent
/// (`libcurl.so.4`, installed by default on Debian and Ubuntu). `curl_easy_setopt` and
/// `curl_easy_getinfo` (and `curl_multi_setopt`) are variadic in C; they are called through
/// prototypes with one fixed argument of the option's type, which on the Linux ABIs (x86_64 and
/// aarch64 alike: AAPCS64 passes a variadic argument in the register a fixed one would take)
/// passes that argument exactly as a variadic call does. Apple's arm64 ABI puts variadic
/// arguments on the stack instead, so this would be wrong there: this transport is Linux's only.
struct LibCurl: Sendable {
    typealias Handle = OpaquePointer
    typealias Multi = OpaquePointer
    typealias StringList = OpaquePointer

    let easyInit: @convention(c) () -> Handle?
    let easyCleanup: @convention(c) (Handle) -> Void
    let easyReset: @convention(c) (Handle) -> Void
    let easyPerform: @convention(c) (Handle) -> Int32
    let setLong: @convention(c) (Handle, Int32, Int) -> Int32
    let setPointer: @convention(c) (Handle, Int32, UnsafeRawPointer?) -> Int32
    let getLong: @convention(c) (Handle, Int32, UnsafeMutablePointer<Int>) -> Int32
    let listAppend: @convention(c) (StringList?, UnsafePointer<CChar>) -> StringList?
    let listFreeAll: @convention(c) (StringList?) -> Void
    let version: @convention(c) () -> UnsafePointer<CChar>?
    let multiInit: @convention(c) () -> Multi?
    let multiSetLong: @convention(c) (Multi, Int32, Int) -> Int32
    let multiAdd: @convention(c) (Multi, Handle) -> Int32
    let multiRemove: @convention(c) (Multi, Handle) -> Int32
    let multiPerform: @convention(c) (Multi, UnsafeMutablePointer<Int32>) -> Int32
    let multiWait: @convention(c) (Multi, UnsafeMutableRawPointer?, UInt32, Int32, UnsafeMutablePointer<Int32>?) -> Int32
    let multiInfoRead: @convention(c) (Multi, UnsafeMutablePointer<Int32>) -> UnsafeRawPointer?

    /// The library, loaded and initialised once; or why it could not be.
    static let shared: Result<LibCurl, TransportError> = load()

    private static func load() -> Result<LibCurl, TransportError> {
        guard let library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL) ?? dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL) else {
            return .failure(.unavailable("libcurl could not be loaded (libcurl.so.4 is not installed)", hint: LibCurl.installHint))
        }
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(library, name).map { unsafeBitCast($0, to: type) }
        }
        typealias GlobalInit = @convention(c) (Int) -> Int32
        guard let globalInit = symbol("curl_global_init", as: GlobalInit.self),
              let easyInit = symbol("curl_easy_init", as: (@convention(c) () -> Handle?).self),
              let easyCleanup = symbol("curl_easy_cleanup", as: (@convention(c) (Handle) -> Void).self),
              let easyReset = symbol("curl_easy_reset", as: (@convention(c) (Handle) -> Void).self),
              let easyPerform = symbol("curl_easy_perform", as: (@convention(c) (Handle) -> Int32).self),
              let setLong = symbol("curl_easy_setopt", as: (@convention(c) (Handle, Int32, Int) -> Int32).self),
              let setPointer = symbol("curl_easy_setopt", as: (@convention(c) (Handle, Int32, UnsafeRawPointer?) -> Int32).self),
              let getLong = symbol("curl_easy_getinfo", as: (@convention(c) (Handle, Int32, UnsafeMutablePointer<Int>) -> Int32).self),
              let listAppend = symbol("curl_slist_append", as: (@convention(c) (StringList?, UnsafePointer<CChar>) -> StringList?).self),
              let listFreeAll = symbol("curl_slist_free_all", as: (@convention(c) (StringList?) -> Void).self),
              let version = symbol("curl_version", as: (@convention(c) () -> UnsafePointer<CChar>?).self),
              let multiInit = symbol("curl_multi_init", as: (@convention(c) () -> Multi?).self),
              let multiSetLong = symbol("curl_multi_setopt", as: (@convention(c) (Multi, Int32, Int) -> Int32).self),
              let multiAdd = symbol("curl_multi_add_handle", as: (@convention(c) (Multi, Handle) -> Int32).self),
              let multiRemove = symbol("curl_multi_remove_handle", as: (@convention(c) (Multi, Handle) -> Int32).self),
              let multiPerform = symbol("curl_multi_perform", as: (@convention(c) (Multi, UnsafeMutablePointer<Int32>) -> Int32).self),
              let multiWait = symbol(
                  "curl_multi_wait",
                  as: (@convention(c) (Multi, UnsafeMutableRawPointer?, UInt32, Int32, UnsafeMutablePointer<Int32>?) -> Int32).self
              ),
              let multiInfoRead = symbol("curl_multi_info_read", as: (@convention(c) (Multi, UnsafeMutablePointer<Int32>) -> UnsafeRawPointer?).self)
        else {
            return .failure(.unavailable("the libcurl installed lacks a function webnic-rpc needs (it needs libcurl \(minimumVersion) or later)", hint: LibCurl.installHint))
        }
        guard globalInit(Global.all) == Code.ok else { return .failure(.unavailable("libcurl failed to initialise", hint: LibCurl.installHint)) }
        return .success(LibCurl(
            easyInit: easyInit, easyCleanup: easyCleanup, easyReset: easyReset, easyPerform: easyPerform, setLong: setLong,
            setPointer: setPointer, getLong: getLong, listAppend: listAppend, listFreeAll: listFreeAll, version: version,
            multiInit: multiInit, multiSetLong: multiSetLong, multiAdd: multiAdd, multiRemove: multiRemove,
            multiPerform: multiPerform, multiWait: multiWait, multiInfoRead: multiInfoRead
        ))
    }

    /// The oldest libcurl with every function and option used (`CURLMOPT_MAX_TOTAL_CONNECTIONS`
    /// came in 7.30.0).
    static let minimumVersion = "7.30.0"

    /// What to do when libcurl is missing or too old: the package to install, per distribution.
    static let installHint = "Install libcurl \(minimumVersion) or later and restart webnic-rpc: the package libcurl4 on Debian and Ubuntu (apt-get install libcurl4), libcurl on Fedora (dnf install libcurl) and Alpine (apk add libcurl)."

    /// `curl_global_init` flags.
    enum Global {
        static let all = 3
    }

    /// `CURLoption` values used (from `curl/curl.h`: long options count from 0, pointers from
    /// 10000, functions from 20000).
    enum Option {
        static let writeData: Int32 = 10001
        static let url: Int32 = 10002
        static let proxy: Int32 = 10004
        static let httpHeader: Int32 = 10023
        static let headerData: Int32 = 10029
        static let customRequest: Int32 = 10036
        static let caInfo: Int32 = 10065
        static let caPath: Int32 = 10097
        static let postFieldSize: Int32 = 60
        static let httpGet: Int32 = 80
        static let ipResolve: Int32 = 113
        static let noSignal: Int32 = 99
        static let connectOnly: Int32 = 141
        static let timeoutMilliseconds: Int32 = 155
        static let protocols: Int32 = 181
        static let tcpKeepAlive: Int32 = 213
        static let copyPostFields: Int32 = 10165
        static let writeFunction: Int32 = 20011
        static let headerFunction: Int32 = 20079
    }

    /// `CURLMoption` values used.
    enum MultiOption {
        static let maxConnects: Int32 = 6
        static let maxHostConnections: Int32 = 7
        static let maxTotalConnections: Int32 = 13
    }

    /// `struct curl_waitfd`: one more descriptor for `curl_multi_wait` to wait on (passed as a
    /// raw pointer: a Swift struct has no C type).
    struct WaitDescriptor {
        var fd: Int32
        var events: Int16
        var revents: Int16
    }

    /// `CURLMSG_DONE`, and where a `CURLMsg`'s members sit (`int msg; CURL *easy_handle;
    /// union { void *; CURLcode result; } data;` on an LP64 ABI).
    enum Message {
        static let done: Int32 = 1
        static let handleOffset = 8
        static let resultOffset = 16
    }

    /// `CURL_IPRESOLVE_*` values.
    enum IPResolve {
        static let v4 = 1
    }

    /// `CURLPROTO_*` bits.
    enum ProtocolBits {
        static let httpAndHTTPS = 1 | 2
    }

    /// `CURLINFO_RESPONSE_CODE` (a long).
    static let responseCodeInfo: Int32 = 0x200000 + 2

    /// `CURLM_OK` and `CURLM_CALL_MULTI_PERFORM`, the multi interface's codes that are not failures.
    enum MultiCode {
        static let ok: Int32 = 0
        static let callMultiPerform: Int32 = -1
    }

    /// `CURLcode` values that are told apart.
    enum Code {
        static let ok: Int32 = 0
        static let unsupportedProtocol: Int32 = 1
        static let malformedURL: Int32 = 3
        static let proxyNotFound: Int32 = 5
        static let hostNotFound: Int32 = 6
        static let couldNotConnect: Int32 = 7
        static let weirdServerReply: Int32 = 8
        static let partialFile: Int32 = 18
        static let writeError: Int32 = 23
        static let timedOut: Int32 = 28
        static let tlsConnectError: Int32 = 35
        static let abortedByCallback: Int32 = 42
        static let gotNothing: Int32 = 52
        static let sendError: Int32 = 55
        static let receiveError: Int32 = 56
        static let tlsCertificateProblems: Set<Int32> = [58, 59, 60, 77, 80, 82, 83, 90, 91]
    }
}
#endif
