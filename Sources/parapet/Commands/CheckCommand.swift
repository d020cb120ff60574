import ArgumentParser
import Foundation
import Parapet

/// `parapet check`: evaluate a policy on one text.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check one text against a policy.",
        discussion: "Reads TEXT, or --file, or standard input. Exit code: 0 allowed/flagged, 2 blocked, 3 rewritten, 1 error."
    )

    @OptionGroup var policyOptions: PolicyOptions

    @Argument(help: "The text to check (default: standard input).")
    var text: String?

    @Option(name: .shortAndLong, help: "Read the text from a file.")
    var file: String?

    @Option(name: .shortAndLong, help: "input (prompt) or output (model answer).")
    var direction: Direction = .input

    @Option(help: "Conversation id (pseudonyms are stable within it).")
    var conversation: String = "cli"

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let input = try readText()
        let guardrail = try policyOptions.makeGuard()
        let decision = guardrail.check(ScanInput(text: input, direction: direction, conversationID: conversation))
        switch format {
        case .json:
            print(try JSONOutput.encode(decision))
        case .text:
            DecisionPrinter.print(decision, original: input)
        }
        throw ExitStatus.forAction(decision.action)
    }

    private func readText() throws -> String {
        if let text {
            guard file == nil else { throw ValidationError("give either TEXT or --file, not both") }
            return text
        }
        let path = file ?? "-"
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard FileManager.default.fileExists(atPath: path) else {
                Terminal.error("\(path): error[file_not_found]: no such file")
                throw ExitStatus.error
            }
            guard let contents = FileManager.default.contents(atPath: path) else {
                Terminal.error("\(path): error[unreadable]: cannot read")
                throw ExitStatus.error
            }
            data = contents
        }
        guard let string = String(validating: data, as: UTF8.self) else {
            let offset = RecordParser.firstInvalidUTF8(Array(data))
            Terminal.error("\(path): error[invalid_utf8]: not valid UTF-8 at byte \(offset)")
            throw ExitStatus.error
        }
        return string
    }
}

/// How results are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
