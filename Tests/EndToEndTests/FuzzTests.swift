import Foundation
import JSONCore
import Testing

/// A small, fast, seedable generator (SplitMix64), so that a failing run can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension EndToEndTests {
    @Suite("Fuzzing, end to end")
    struct FuzzTests {
        /// The seed: `WEBNIC_FUZZ_SEED` when set, a fixed one in CI, a random one otherwise.
        static let seed: UInt64 = {
            let environment = ProcessInfo.processInfo.environment
            if let text = environment["WEBNIC_FUZZ_SEED"], let seed = UInt64(text) { return seed }
            if environment["CI"] != nil { return 20_261_130 }
            return UInt64.random(in: 0 ... .max)
        }()

        /// Valid messages to mutate; `ID` is replaced by a unique string id.
        static let templates = [
            #"{"jsonrpc":"2.0","id":ID,"method":"getOrganization","params":{"organizationId":5}}"#,
            #"{"jsonrpc":"2.0","id":ID,"method":"getOrganization","params":{"organizationId":-1.5e3}}"#,
            #"{"jsonrpc":"2.0","id":ID,"method":"updateOrganizationContact","params":{"organizationId":6,"organization":{"company":"A & B","firstName":"Jo","lastName":"Ng","address1":"1 Rd","city":"KL","countryCode":"my","phoneNumber":"+60.12345678","email":"a@b.cc"},"dryRun":true}}"#,
            #"{"jsonrpc":"2.0","id":ID,"method":"updateOrganizationContact","params":{"organizationId":6,"organization":{"firstname":"Jo","email":"x"},"technicalContactId":"A B"}}"#,
            #"{"jsonrpc":"2.0","method":"getOrganization","params":{"organizationId":5}}"#,
            #"[{"jsonrpc":"2.0","id":ID,"method":"nope"},{"jsonrpc":"2.0","method":"n"},{"jsonrpc":"2.0","id":ID,"method":"getOrganization","params":[5]}]"#,
            #"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":ID}}"#,
        ]

        private static let alphabet = Array(#"{}[]",:0123456789eE.-+ \tnulltruefalse"#.utf8) + [0x00, 0x80, 0xC3, 0xFF, 0x5C]

        /// How many answers carry the id of an intact copy of each template: a request one, a
        /// notification none, the batch two (in one array), a cancellation none.
        static let answersPerTemplate = [1, 1, 1, 1, 0, 2, 0]

        /// One mutated line (never containing a newline), its template, and whether it was left intact as a control.
        static func line(_ index: Int, using generator: inout SeededGenerator) -> (bytes: [UInt8], template: Int, isControl: Bool) {
            let templateIndex = Int.random(in: 0..<templates.count, using: &generator)
            let template = templates[templateIndex]
            let isControl = Int.random(in: 0..<10, using: &generator) == 0
            var bytes = Array(template.replacingOccurrences(of: "ID", with: "\"\(isControl ? "c" : "m")\(index)\"").utf8)
            guard !isControl else { return (bytes, templateIndex, true) }
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0..<max(1, bytes.count), using: &generator)
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: bytes[position] = alphabet.randomElement(using: &generator) ?? 0
                case 1: bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...8, using: &generator)))
                case 2: bytes.insert(alphabet.randomElement(using: &generator) ?? 0, at: position)
                case 3:
                    let end = min(bytes.count, position + Int.random(in: 1...16, using: &generator))
                    bytes.insert(contentsOf: bytes[position..<end], at: position)
                case 4: bytes.removeSubrange(position...)
                default: bytes.insert(contentsOf: Array("18446744073709551616".utf8), at: position)
                }
                if bytes.isEmpty { bytes = [UInt8(ascii: "{")] }
            }
            return (bytes.map { $0 == 0x0A ? 0x20 : $0 }, templateIndex, false)
        }

        /// The string ids in a response line (one for a response, several for a batch).
        static func ids(in line: String) -> [String]? {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed]) else { return nil }
            let responses: [Any] = (object as? [Any]) ?? [object]
            var ids: [String] = []
            for response in responses {
                guard let dictionary = response as? [String: Any], dictionary["jsonrpc"] as? String == "2.0",
                      (dictionary["result"] != nil) != (dictionary["error"] != nil)
                else { return nil }
                if let id = dictionary["id"] as? String { ids.append(id) }
            }
            return ids
        }

        @Test("100,000 mutated messages: alive to the end, every output line one JSON response, every intact request answered exactly once")
        func mutatedMessages() async throws {
            var generator = SeededGenerator(seed: Self.seed)
            let count = 100_000
            var input: [UInt8] = []
            input.reserveCapacity(count * 120)
            var controls: [String: Int] = [:]
            for index in 0..<count {
                let (bytes, template, isControl) = Self.line(index, using: &generator)
                input += bytes
                input.append(0x0A)
                if isControl { controls["c\(index)"] = Self.answersPerTemplate[template] }
            }
            let plugin = try Plugin(["--sandbox", "--log-level", "error", "--max-in-flight", "64"])
            await Task.detached { plugin.process.write(input) }.value
            #expect(plugin.process.isRunning, "seed \(Self.seed): the plugin died")
            #expect(try await plugin.finish() == 0, "seed \(Self.seed)")

            let lines = plugin.process.stdoutLines
            #expect(lines.count <= count, "seed \(Self.seed): more answers than lines")
            var answers: [String: Int] = [:]
            for line in lines {
                guard let ids = Self.ids(in: line) else {
                    Issue.record("seed \(Self.seed): not a JSON-RPC response: \(line.prefix(200))")
                    continue
                }
                for id in ids { answers[id, default: 0] += 1 }
            }
            let wrong = controls.filter { id, expected in (answers[id] ?? 0) != expected }
            #expect(wrong.isEmpty, "seed \(Self.seed): controls answered the wrong number of times: \(wrong.keys.sorted().prefix(10))")
            #expect(controls.count > count / 20, "seed \(Self.seed): too few controls")
            #expect(plugin.process.stderrText.isEmpty, "seed \(Self.seed): \(plugin.process.stderrText.prefix(500))")
        }
    }
}
