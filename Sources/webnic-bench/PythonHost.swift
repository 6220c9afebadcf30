import Foundation

/// A host written the way most people would write one in Python: it spawns webnic-rpc, one thread
/// writes every request line, the main thread reads the answers with `readline`. Scenario 8
/// measures webnic-rpc through it beside the lean host, so that its figure is what a real program
/// sees, not only what the tightest host can get.
enum PythonHost {
    /// Spawns `plugin` against `baseURL`, makes 500 calls to warm it up, then `count` calls with
    /// every line written at once (webnic-rpc keeps 16 in flight); microseconds per call.
    static func perCall(plugin: String, baseURL: String, username: String, password: String, count: Int) throws -> Double {
        let script = """
        import io, subprocess, sys, threading, time
        plugin, base_url, username, password, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
        child = subprocess.Popen(
            [plugin, "--log-level", "error", "--base-url", base_url], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env={"WEBNIC_USERNAME": username, "WEBNIC_PASSWORD": password, "PATH": "/usr/bin:/bin"}, bufsize=0)
        answers = io.BufferedReader(child.stdout, 1 << 16)
        def request(i):
            return b'{"jsonrpc":"2.0","id":%d,"method":"getOrganization","params":{"organizationId":%d}}\\n' % (i, 5 if i % 2 == 0 else 6)
        def calls(first, n):
            def write():
                for i in range(first, first + n):
                    child.stdin.write(request(i))
            writer = threading.Thread(target=write)
            start = time.perf_counter()
            writer.start()
            for _ in range(n):
                line = answers.readline()
                assert b'"result"' in line, line[:300]
            writer.join()
            return (time.perf_counter() - start) / n * 1e6
        calls(0, 500)
        print(calls(500, count))
        child.stdin.close()
        child.wait()
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, plugin, baseURL, username, password, String(count)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        Child.waitForExit(process)
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, let perCall = Double(text) else {
            throw BaselineError(description: "the Python host exited with status \(process.terminationStatus) and printed \(text.debugDescription)")
        }
        return perCall
    }
}
