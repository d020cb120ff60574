import Foundation
import Testing

/// `parapet eval` at the binary level: how it reads its input files.
@Suite(.serialized) struct EvalCommandTests {
    @Test func everyBadRowOfEveryFileIsReportedBeforeAnythingIsScored() throws {
        let first = try CLIRunner.temporaryFile(Data("""
            {"text": "hello", "label": 0}
            {"text": "bad label", "label": 2}
            {"text": "twice", "label": 0, "label": 1}

            """.utf8), suffix: ".jsonl")
        let second = try CLIRunner.temporaryFile(Data(#"{"label": 1}"#.utf8 + [0x0A]), suffix: ".jsonl")
        let run = try CLIRunner.run(["eval", first, second, "--task", "injection", "--policy", "patterns"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(first):2: error[bad_field]"))
        #expect(run.stderr.contains("\(first):3: error[invalid_json]"))
        #expect(run.stderr.contains("\(second):1: error[missing_field]"))
        #expect(run.stdout.isEmpty)  // nothing scored, no half report
    }
}
