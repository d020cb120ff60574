import Foundation
import Testing

/// Standard output that is a pipe nobody reads any more (`parapet … | head -1`): every command
/// reports `write_failed` and exits 1, instead of dying silently of SIGPIPE (exit 141).
@Suite(.serialized) struct ClosedPipeTests {
    /// Runs `parapet` with SIGPIPE at its default action (as a shell starts it) and standard
    /// output a pipe whose read end is already closed, so every write fails.
    static func runIntoClosedPipe(_ arguments: [String]) throws -> (status: Int32, reason: Process.TerminationReason, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal=PIPE", CLIRunner.binary] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: CLIRunner.root)
        let out = Pipe()
        try out.fileHandleForReading.close()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try out.fileHandleForWriting.close()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason, String(decoding: stderr, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/env")))
    func scanEvalAndCheckReportAClosedPipe() throws {
        let text = (0..<20_000).map { "hello world line \($0)" }.joined(separator: "\n") + "\n"
        let many = try CLIRunner.temporaryFile(Data(text.utf8), suffix: ".txt")
        let labelled = try CLIRunner.temporaryFile(Data(#"{"text": "hello", "label": 0}"#.utf8 + [0x0A]), suffix: ".jsonl")
        let runs = [
            ["scan", many, "--policy", "patterns", "--quiet", "--no-progress"],
            ["check", "--policy", "patterns", "hello"],
            ["eval", labelled, "--task", "injection", "--bundle", CLIRunner.root + "/Tests/ParapetEncoderTests/Fixtures/lora-bundle",
             "--models-dir", ProcessInfo.processInfo.environment["PARAPET_MODELS_DIR"] ?? CLIRunner.root + "/models-cache"],
        ]
        for arguments in runs {
            let run = try Self.runIntoClosedPipe(arguments)
            #expect(run.reason == .exit, "\(arguments[0]) was killed by signal \(run.status)")
            #expect(run.status == 1, "\(arguments[0]): \(run.stderr)")
            #expect(run.stderr.contains("write_failed"), "\(arguments[0]): \(run.stderr)")
        }
    }

    /// Standard error closed too: a message that cannot be written is dropped, never a crash
    /// (`FileHandle.write` trapped with SIGILL on EPIPE, QA round 2).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/env")))
    func aClosedStandardErrorIsNoCrash() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal=PIPE", CLIRunner.binary, "scan", "/nonexistent/file.jsonl", "--policy", "patterns"]
        process.currentDirectoryURL = URL(fileURLWithPath: CLIRunner.root)
        let out = Pipe(), err = Pipe()
        try out.fileHandleForReading.close()
        try err.fileHandleForReading.close()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try out.fileHandleForWriting.close()
        try err.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 1)
    }
}
