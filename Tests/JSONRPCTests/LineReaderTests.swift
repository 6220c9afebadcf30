#if canImport(Glibc)
import Glibc
#endif
@testable import JSONRPC
import Platform
import Testing

@Suite("LineReader")
struct LineReaderTests {
    /// The items a reader yields for `input`, written through a real pipe.
    private func items(_ input: [UInt8], maxLineBytes: Int) -> [LineReader.Item] {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let writeEnd = fds[1]
        Thread.detachNewThread {
            FileDescriptorOutput(rawValue: writeEnd).writeAll(input)
            close(writeEnd)
        }
        var reader = LineReader(fileDescriptor: fds[0], maxLineBytes: maxLineBytes)
        var result: [LineReader.Item] = []
        while let item = reader.next() { result.append(item) }
        close(fds[0])
        return result
    }

    @Test("splits on LF, drops a CR before it, keeps a last line without newline")
    func framing() {
        let result = items(Array("a\r\nbb\n\nccc".utf8), maxLineBytes: 10)
        #expect(result == [.line(Array("a".utf8)), .line(Array("bb".utf8)), .line([]), .line(Array("ccc".utf8))])
    }

    @Test("a line over the cap is reported with its length and skipped, the next line is intact")
    func overlong() {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 300_000)
        let result = items(long + Array("\nok\n".utf8) + Array("12345678901\n".utf8), maxLineBytes: 10)
        #expect(result == [.tooLong(300_000), .line(Array("ok".utf8)), .tooLong(11)])
    }
}

import Foundation
