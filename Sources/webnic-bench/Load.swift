import Foundation

/// The getOrganization request numbered `id`, alternating between organizations 5 and 6.
func request(_ id: Int) -> String {
    #"{"jsonrpc":"2.0","id":\#(id),"method":"getOrganization","params":{"organizationId":\#(id % 2 == 0 ? 5 : 6)}}"# + "\n"
}

/// Sends `count` calls keeping `inFlight` outstanding; returns the elapsed time. Like a host
/// that pipelines, it writes the next requests in one go once it has read every answer that has
/// come, and checks each answer with a plain byte comparison.
func pipelined(_ child: Child, count: Int, inFlight: Int, from first: Int = 0) -> Duration {
    let clock = ContinuousClock.now
    var sent = 0, received = 0
    var batch = ""
    while sent < min(inFlight, count) { batch += request(first + sent); sent += 1 }
    child.write(batch)
    batch = ""
    while received < count {
        guard let line = child.readLine() else { log("plugin closed its output"); exit(2) }
        guard line.starts(with: answerPrefix), !contains(line, errorMember) else {
            log("unexpected answer: \(String(decoding: line.prefix(300), as: UTF8.self))")
            exit(2)
        }
        received += 1
        if sent < count { batch += request(first + sent); sent += 1 }
        if !batch.isEmpty, !child.hasBufferedLine {
            child.write(batch)
            batch = ""
        }
    }
    return ContinuousClock.now - clock
}

let answerPrefix = Array(#"{"jsonrpc":"2.0","id":"#.utf8)
let errorMember = Array(#""error""#.utf8)

/// Whether `pattern` occurs in `bytes`.
func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
    guard bytes.count >= pattern.count else { return false }
    for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
        var matched = 1
        while matched < pattern.count, bytes[start + matched] == pattern[matched] { matched += 1 }
        if matched == pattern.count { return true }
    }
    return false
}

/// Makes `count` sequential calls (write a line, wait for the answer); microseconds per call.
func sequential(_ child: Child, count: Int, from first: Int = 0) -> Double {
    let start = ContinuousClock.now
    for index in first..<(first + count) {
        child.write(request(index))
        guard child.readLine() != nil else { log("the child closed its output"); exit(2) }
    }
    return (ContinuousClock.now - start).milliseconds * 1000 / Double(count)
}
