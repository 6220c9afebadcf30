#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Platform
import Testing

@Suite("NonBlockingOutput: lines never wait for the reader")
struct NonBlockingOutputTests {
    /// A pipe whose buffer is full: the next write to it would block.
    static func fullPipe() -> (read: Int32, write: Int32, filler: Int) {
        var descriptors: [Int32] = [-1, -1]
        #expect(pipe(&descriptors) == 0)
        let flags = fcntl(descriptors[1], F_GETFL)
        _ = fcntl(descriptors[1], F_SETFL, flags | O_NONBLOCK)
        var filler = 0
        let chunk = [UInt8](repeating: UInt8(ascii: "."), count: 4096)
        while true {
            let written = chunk.withUnsafeBytes { write(descriptors[1], $0.baseAddress, $0.count) }
            if written <= 0 { break }
            filler += written
        }
        _ = fcntl(descriptors[1], F_SETFL, flags)
        return (descriptors[0], descriptors[1], filler)
    }

    static func readAll(_ descriptor: Int32, until expected: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while bytes.count < expected {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }

    @Test("with the reader behind, lines are held up to the capacity, the rest dropped; then written in order and the drop reported once")
    func heldAndDropped() {
        let pipe = Self.fullPipe()
        defer { close(pipe.read); close(pipe.write) }
        let output = NonBlockingOutput(descriptor: pipe.write, capacity: 40) { Array("dropped \($0)\n".utf8) }
        for index in 0..<10 { output.write(Array("line \(index)\n".utf8)) }
        // Every write returned at once: 5 lines of 7 bytes held (35 of 40), 5 dropped.
        #expect(output.droppedCount == 5)
        let expected = "line 0\nline 1\nline 2\nline 3\nline 4\ndropped 5\n"
        let bytes = Self.readAll(pipe.read, until: pipe.filler + expected.utf8.count)
        #expect(bytes.count == pipe.filler + expected.utf8.count)
        #expect(String(decoding: bytes.dropFirst(pipe.filler), as: UTF8.self) == expected)
        #expect(output.flush(timeout: .seconds(5)))
        #expect(output.droppedCount == 0)
    }

    @Test("with room in the pipe a line goes out at once, on the caller's thread")
    func direct() {
        var descriptors: [Int32] = [-1, -1]
        #expect(pipe(&descriptors) == 0)
        defer { close(descriptors[0]); close(descriptors[1]) }
        let output = NonBlockingOutput(descriptor: descriptors[1]) { _ in [] }
        output.write(Array("one\n".utf8))
        var available: Int32 = 0
        _ = ioctl(descriptors[0], UInt(FIONREAD), &available)
        #expect(available == 4)
        #expect(String(decoding: Self.readAll(descriptors[0], until: 4), as: UTF8.self) == "one\n")
    }
}
