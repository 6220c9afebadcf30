/// How connections to WebNIC are made: which address family, and which certificate authorities
/// a server's certificate is verified against. Verification itself is never optional.
package struct ConnectionPolicy: Sendable, Equatable {
    /// Resolve host names to IPv4 addresses only, so that nothing leaves over IPv6.
    package var ipv4Only: Bool
    /// A PEM file of CA certificates to verify servers against, in place of the system's.
    package var caFile: String?
    /// A directory of CA certificates in OpenSSL's hashed layout, in place of the system's.
    package var caDirectory: String?

    /// A policy; by default both address families and the system's certificate authorities.
    package init(ipv4Only: Bool = false, caFile: String? = nil, caDirectory: String? = nil) {
        self.ipv4Only = ipv4Only
        self.caFile = caFile
        self.caDirectory = caDirectory
    }
}
