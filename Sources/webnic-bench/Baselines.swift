#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The outside programs the per-call scenarios compare webnic-rpc with, each run in its own
/// process the way a script author would run it.
enum Baselines {
    /// Python's `http.client` making `count` sequential GETs of organizations 5 and 6 on one
    /// keep-alive connection with a token it was given, after 200 to warm up; microseconds per call.
    static func pythonKeepAlive(port: Int, token: String, count: Int) throws -> Double {
        let script = """
        import http.client, sys, time
        port, token, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
        connection = http.client.HTTPConnection("127.0.0.1", port)
        headers = {"Authorization": "Bearer " + token, "Accept": "application/json"}
        def get(i):
            connection.request("GET", "/ssl/v2/organization/%d" % (5 if i % 2 == 0 else 6), headers=headers)
            response = connection.getresponse()
            response.read()
            assert response.status == 200, response.status
        for i in range(200):
            get(i)
        start = time.perf_counter()
        for i in range(count):
            get(i)
        print((time.perf_counter() - start) / count * 1e6)
        """
        let output = try run("/usr/bin/env", ["python3", "-c", script, String(port), token, String(count)])
        guard let perCall = Double(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BaselineError(description: "python3 printed \(output.debugDescription)")
        }
        return perCall
    }

    /// `curl --parallel --parallel-max 16` fetching `count` organizations from one config file
    /// (one process, keep-alive connections); microseconds per call, the whole run included.
    static func curlParallel(baseURL: String, token: String, count: Int, directory: URL) throws -> Double {
        var config = "header = \"Authorization: Bearer \(token)\"\nheader = \"Accept: application/json\"\nsilent\nfail\n"
        for index in 0..<count {
            config += "url = \"\(baseURL)/ssl/v2/organization/\(index % 2 == 0 ? 5 : 6)\"\noutput = \"/dev/null\"\n"
        }
        let file = directory.appendingPathComponent("curl-parallel.conf")
        try config.write(to: file, atomically: true, encoding: .utf8)
        let start = ContinuousClock.now
        _ = try run("/usr/bin/env", ["curl", "--silent", "--parallel", "--parallel-max", "16", "--config", file.path])
        return (ContinuousClock.now - start).milliseconds * 1000 / Double(count)
    }

    /// Runs a program to its end and returns its standard output; fails when it fails.
    private static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        Child.waitForExit(process)
        guard process.terminationStatus == 0 else {
            throw BaselineError(description: "\(arguments.first ?? executable) exited with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A baseline program that did not run as it should.
struct BaselineError: Error, CustomStringConvertible {
    let description: String
}
