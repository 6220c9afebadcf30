#if canImport(Glibc)
import Glibc
#endif
import Execution
import Foundation
import JSONCore
import JSONRPC
import Platform
import Testing

/// An output channel on a pipe whose read end never blocks.
private struct Piped: Sendable {
    let channel: OutputChannel
    let readEnd: Int32
    let writeEnd: Int32

    init() {
        var ends: [Int32] = [0, 0]
        _ = pipe(&ends)
        _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
        readEnd = ends[0]
        writeEnd = ends[1]
        channel = OutputChannel(output: FileDescriptorOutput(rawValue: ends[1]))
    }

    /// Everything written so far and not yet read.
    func written() -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func close() {
        Glibc.close(readEnd)
        Glibc.close(writeEnd)
    }
}

@Suite("OutputChannel: whole lines, held inside a DeferredWrites scope")
struct OutputChannelTests {
    @Test("outside a scope a message is written at once, as one compact line")
    func immediate() {
        let piped = Piped()
        defer { piped.close() }
        #expect(piped.channel.send(["id": 1, "result": "a"]))
        #expect(piped.written() == #"{"id":1,"result":"a"}"# + "\n")
        #expect(DeferredWrites.onScopeEnd {} == false)
    }

    @Test("inside a scope messages are held until it ends; one sent from another thread meanwhile goes behind them")
    func heldUntilScopeEnds() {
        let piped = Piped()
        defer { piped.close() }
        DeferredWrites.run {
            #expect(piped.channel.send(["id": 1]))
            #expect(piped.written() == "")
            let sent = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                piped.channel.send(["id": 2])
                sent.signal()
            }
            sent.wait()
            #expect(piped.written() == "")
            DeferredWrites.run { #expect(piped.channel.send(["id": 3])) }
            #expect(piped.written() == "")
        }
        #expect(piped.written() == "{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n")
        #expect(piped.channel.send(["id": 4]))
        #expect(piped.written() == "{\"id\":4}\n")
    }

    @Test("flush writes what is held at once, and the scope's end then has nothing left to write")
    func flush() {
        let piped = Piped()
        defer { piped.close() }
        DeferredWrites.run {
            piped.channel.send(["id": 1])
            piped.channel.flush()
            #expect(piped.written() == "{\"id\":1}\n")
        }
        #expect(piped.written() == "")
    }

    @Test("a held message that cannot be written closes the channel; later messages are refused")
    func closedWhileHeld() {
        signal(SIGPIPE, SIG_IGN)
        let piped = Piped()
        Glibc.close(piped.readEnd)
        defer { Glibc.close(piped.writeEnd) }
        DeferredWrites.run {
            #expect(piped.channel.send(["id": 1]))
            #expect(!piped.channel.isClosed)
        }
        #expect(piped.channel.isClosed)
        #expect(!piped.channel.send(["id": 2]))
    }
}
