import Foundation
import JSONCore
import Synchronization

/// Records every response the end-to-end tests receive, with the method it answers, one JSON
/// object per line in `.build/e2e-responses/responses.jsonl`: `{"method": …, "response": …}`.
///
/// The contract suite (`Tests/contract`) validates each against the OpenRPC document. The file is
/// started afresh by each test run.
enum ResponseLog {
    private static let state = Mutex<FileHandle?>(nil)

    private static let file: URL = {
        let directory = packageRoot.appendingPathComponent(".build/e2e-responses")
        try? FileManager.default.removeItem(at: directory)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("responses.jsonl")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        return file
    }()

    /// Appends the responses among `lines` whose id was sent with a known method.
    static func record(lines: [String], methods: [String: String]) {
        var output = ""
        for line in lines {
            guard let value = try? JSONParser.parse(line) else { continue }
            for response in value.arrayValue ?? [value] {
                guard let id = response["id"], let method = methods[id.jsonText] else { continue }
                let entry: JSONValue = ["method": .string(method), "response": response]
                output += entry.jsonText + "\n"
            }
        }
        guard !output.isEmpty else { return }
        state.withLock { handle in
            if handle == nil {
                handle = try? FileHandle(forWritingTo: file)
                _ = try? handle?.seekToEnd()
            }
            try? handle?.write(contentsOf: Data(output.utf8))
        }
    }
}
