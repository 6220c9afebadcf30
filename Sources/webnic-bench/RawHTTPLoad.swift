#if canImport(Glibc)
import Glibc
#endif
import Platform

/// A minimal keep-alive HTTP/1.1 load generator on one blocking socket, to measure the simulator
/// alone, without URLSession in the way.
enum RawHTTPLoad {
    /// Sends `requests` GETs for organization 5 to 127.0.0.1:`port` over one connection.
    static func run(port: Int, token: String, requests: Int) {
        let fd = socket(AF_INET, POSIX.streamSocket, 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return }
        let request = Array("GET /ssl/v2/organization/5 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n\r\n".utf8)
        var buffer = [UInt8](repeating: 0, count: 65536)
        var pending: [UInt8] = []
        for _ in 0..<requests {
            _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            while true {
                if let length = completeResponseLength(pending) {
                    pending.removeFirst(length)
                    break
                }
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return }
                pending.append(contentsOf: buffer[0..<count])
            }
        }
    }

    /// The length of the first complete response in `bytes`, if it is all there.
    private static func completeResponseLength(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4) where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            let head = String(decoding: bytes[0..<index], as: UTF8.self).lowercased()
            let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            return bytes.count >= index + 4 + length ? index + 4 + length : nil
        }
        return nil
    }
}

import Foundation
