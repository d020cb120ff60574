import Foundation
import Testing

@Suite(.serialized) struct CheckCommandTests {
    /// Standard input that cannot be read (a directory) is an error naming it, not a crash.
    @Test func unreadableStandardInputIsAnError() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = ["check", "--policy", "patterns"]
        process.currentDirectoryURL = URL(fileURLWithPath: CLIRunner.root)
        process.standardInput = FileHandle(forReadingAtPath: NSTemporaryDirectory())
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message.contains("<stdin>: error[unreadable]"))
    }

    @Test func allowedTextExitsZero() throws {
        let output = try CLIRunner.run(["check", "Write a haiku about autumn."])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("ALLOW"))
    }

    @Test func rewrittenTextExitsThreeAndShowsThePlaceholder() throws {
        let output = try CLIRunner.run(["check", "--format", "json", "mail jane.doe@example.com"])
        #expect(output.status == 3)
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        #expect(object?["action"] as? String == "rewrite")
        #expect(object?["text"] as? String == "mail <EMAIL_1>")
    }

    @Test func blockedTextExitsTwo() throws {
        let output = try CLIRunner.run(["check"], stdin: "key " + "AKIA" + "QYLPMN5HFIGWZ7TX")
        #expect(output.status == 2)
        #expect(output.stdout.hasPrefix("BLOCK"))
    }

    @Test func invalidUTF8IsAnErrorWithTheByteOffset() throws {
        let path = try CLIRunner.temporaryFile(Data([0x61, 0x62, 0xFF, 0x63]), suffix: ".txt")
        let output = try CLIRunner.run(["check", "--file", path])
        #expect(output.status == 1)
        #expect(output.stderr.contains("\(path): error[invalid_utf8]: not valid UTF-8 at byte 2"))
    }

    @Test func missingFileIsAnErrorNamingIt() throws {
        let output = try CLIRunner.run(["check", "--file", "/nonexistent/parapet.txt"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("/nonexistent/parapet.txt: error[file_not_found]"))
    }

    @Test func brokenPolicyListsEveryProblemWithLocation() throws {
        let yaml = "version: 1\nname: broken\nrules:\n  - id: r\n    when: { category: \"pii.*\" }\n    then: { action: explode }\n"
        let path = try CLIRunner.temporaryFile(Data(yaml.utf8), suffix: ".yaml")
        let output = try CLIRunner.run(["check", "--policy", path, "hello"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("\(path):6:"))
    }
}

@Suite(.serialized) struct PolicyExplainCommandTests {
    @Test func explainRefusesInvalidUTF8LikeCheck() throws {
        let path = try CLIRunner.temporaryFile(Data([0x61, 0xC3, 0x28]), suffix: ".txt")
        let output = try CLIRunner.run(["policy", "explain", "--file", path])
        #expect(output.status == 1)
        #expect(output.stderr.contains("\(path): error[invalid_utf8]: not valid UTF-8 at byte 1"))
    }

    @Test func explainListsEveryRuleForATextOnStdin() throws {
        let output = try CLIRunner.run(["policy", "explain"], stdin: "mail jane.doe@example.com")
        #expect(output.status == 0)
        #expect(output.stdout.contains("fired   pseudonymize-pii"))
        #expect(output.stdout.contains("block-secrets"))
    }
}
