import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGKILL under load: every record `parapet scan` printed before it was killed has its decision
/// in the trail, and the trail still verifies.
@Suite(.serialized) struct AuditCrashTests {
    @Test(arguments: ["sqlite", "jsonl"]) func killingScanLosesNoAnsweredDecision(kind: String) throws {
        let count = 200_000
        var input = Data()
        for index in 0..<count {
            let text = index % 4 == 0 ? "write to user\(index)@example.com" : "plain text number \(index)"
            input += Data(#"{"id": "k\#(index)", "text": "\#(text)"}"#.utf8 + [0x0A])
        }
        let inputPath = try CLIRunner.temporaryFile(input, suffix: ".jsonl")
        let trailPath = NSTemporaryDirectory() + "parapet-crash-\(UUID().uuidString).\(kind)"
        let url = "\(kind):\(trailPath)"

        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = ["scan", inputPath, "--policy", "patterns", "--quiet", "--no-progress", "--threads", "2", "--audit", url]
        process.currentDirectoryURL = URL(fileURLWithPath: CLIRunner.root)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()

        // Read until enough records are out, then kill -9 mid-flight.
        var printed = Data()
        var lines = 0
        let reader = out.fileHandleForReading
        while lines < 5_000 {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            // Count line ends in the new chunk only (re-splitting everything read so far was
            // quadratic, and once crashed inside the generic split under a parallel test run).
            lines += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            printed += chunk
        }
        kill(process.processIdentifier, SIGKILL)
        printed += reader.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        // Only complete lines count as answered.
        var ids: [String] = []
        for line in printed.split(separator: 0x0A, omittingEmptySubsequences: true) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], let id = object["id"] as? String
            else { continue }
            ids.append(id)
        }
        #expect(ids.count >= 5_000)
        #expect(ids.count < count, "the scan finished before it could be killed; make the input larger")

        let export = try CLIRunner.run(["audit", "export", "--audit", url])
        #expect(export.status == 0, "\(export.stderr)")
        var recorded = Set<String>()
        for line in export.stdout.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            if let event = object?["event"] as? [String: Any], let id = event["request_id"] as? String { recorded.insert(id) }
        }
        let missing = ids.filter { !recorded.contains($0) }
        #expect(missing.isEmpty, "\(missing.count) answered records have no decision, first \(missing.prefix(3))")
        let verify = try CLIRunner.run(["audit", "verify", "--audit", url])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
    }
}
