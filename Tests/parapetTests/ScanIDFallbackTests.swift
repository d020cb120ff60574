import Foundation
import Testing

/// `parapet scan` numbers a JSONL record without an id by its line, and says so at the end.
@Suite(.serialized) struct ScanIDFallbackTests {
    static func input(_ lines: [String]) throws -> String {
        try CLIRunner.temporaryFile(Data((lines.joined(separator: "\n") + "\n").utf8), suffix: ".jsonl")
    }

    @Test func recordsWithoutAnIdAreCountedInAWarning() throws {
        let file = try Self.input([#"{"id": 3, "text": "first"}"#, #"{"id": "b", "text": "second"}"#, #"{"text": "third, no id"}"#])
        let run = try CLIRunner.run(["scan", file, "--policy", "patterns", "--quiet", "--no-progress"])
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").count == 3)  // the fallback is kept
        #expect(run.stderr.contains(
            "warning: 1 of 3 records had no 'id' field; their line numbers were used as ids, which can repeat the ids of other records"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func anIdEqualToItsLineIsNotMistakenForAMissingOne() throws {
        let file = try Self.input([#"{"id": 1, "text": "first"}"#, #"{"id": 2, "text": "second"}"#])
        let run = try CLIRunner.run(["scan", file, "--policy", "patterns", "--quiet", "--no-progress"])
        #expect(run.status == 0)
        #expect(!run.stderr.contains("warning"))
    }

    @Test func anIdFieldNoRecordHasIsCalledOut() throws {
        let file = try Self.input([#"{"id": 3, "text": "first"}"#, #"{"id": "b", "text": "second"}"#])
        let run = try CLIRunner.run(["scan", file, "--policy", "patterns", "--quiet", "--no-progress", "--id-field", "ID"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("warning: no record has the field 'ID' given by --id-field; every record's id is its line number"))
    }

    @Test func plainTextIsNumberedByLineWithoutAWarning() throws {
        let file = try CLIRunner.temporaryFile(Data("one\ntwo\n".utf8), suffix: ".txt")
        let run = try CLIRunner.run(["scan", file, "--policy", "patterns", "--quiet", "--no-progress"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
    }
}
