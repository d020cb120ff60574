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

    @Test func aFileWithANulByteIsRefusedAsBinaryLikeScanDoes() throws {
        let path = try CLIRunner.temporaryFile(Data([0x61, 0x62, 0x00, 0x63]), suffix: ".txt")
        let output = try CLIRunner.run(["check", "--file", path])
        #expect(output.status == 1)
        #expect(output.stderr.contains("\(path): error[binary_file]: looks like a binary file (NUL byte at offset 2)"))
        let stdin = try CLIRunner.run(["check"], stdin: "a\u{0}b")
        #expect(stdin.status == 1)
        #expect(stdin.stderr.contains("<stdin>: error[binary_file]"))
    }

    @Test func anEmptyFileIsAnEmptyTextLikeEmptyStdin() throws {
        for arguments in [["check", "--file", "/dev/null"], ["check", "--file", try CLIRunner.temporaryFile(Data(), suffix: ".txt")]] {
            let output = try CLIRunner.run(arguments)
            #expect(output.status == 0, "\(arguments): \(output.stderr)")
            #expect(output.stdout.hasPrefix("ALLOW"))
        }
        let directory = try CLIRunner.run(["check", "--file", NSTemporaryDirectory()])
        #expect(directory.status == 1)
        #expect(directory.stderr.contains("error[is_directory]"))
    }

    @Test func auditOnFailureContinueRunsWithoutATrailThatCannotOpen() throws {
        let trail = "sqlite:/nonexistent/dir/trail.sqlite"
        let failing = try CLIRunner.run(["check", "--audit", trail, "hello"])
        #expect(failing.status == 1)
        let going = try CLIRunner.run(["check", "--audit", trail, "--audit-on-failure", "continue", "hello"])
        #expect(going.status == 0, "\(going.stderr)")
        #expect(going.stdout.hasPrefix("ALLOW"))
        #expect(going.stderr.contains("warning:") && going.stderr.contains("going on without an audit trail"))
        let typo = try CLIRunner.run(["check", "--audit", "sqlit:/tmp/x.sqlite", "--audit-on-failure", "continue", "hello"])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("bad_url"))
    }

    @Test func lintListsEveryProblemOfEveryScannerAtOnce() throws {
        let yaml = """
            version: 1
            name: many
            scanners:
              - id: "bad id"
                type: regex
                params:
                  rules:
                    - { name: open, pattern: "(" }
                    - { name: fine, pattern: "a+" }
                    - { name: bracket, pattern: "[z", colour: red }
              - id: words
                type: banlist
                params: { terms: [x], colour: red, size: 3 }
            """
        let path = try CLIRunner.temporaryFile(Data(yaml.utf8), suffix: ".yaml")
        let output = try CLIRunner.run(["policy", "lint", path])
        #expect(output.status == 1)
        for location in [":4:9: error[bad_value]", ":8:11: error[bad_scanner_params]", ":10:11: error[bad_scanner_params]",
                         ":13:27: error[bad_scanner_params]", ":13:40: error[bad_scanner_params]"] {
            #expect(output.stderr.contains(path + location) || output.stdout.contains(path + location), "\(location): \(output.stderr)\(output.stdout)")
        }
        #expect((output.stderr + output.stdout).components(separatedBy: "error[bad_scanner_params]").count - 1 == 5)
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
