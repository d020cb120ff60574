import ArgumentParser
import Foundation
import Parapet
import ParapetAudit

/// `parapet check`: evaluate a policy on one text.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check one text against a policy.",
        discussion: "Reads TEXT, or --file, or standard input. Exit code: 0 allowed/flagged, 2 blocked, 3 rewritten, 1 error."
    )

    @OptionGroup var policyOptions: PolicyOptions

    @OptionGroup var source: TextSourceOptions

    @Option(help: "Conversation id (pseudonyms are stable within it).")
    var conversation: String = "cli"

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var auditOptions: AuditWriteOptions

    @Option(name: .customLong("request-id"), help: "Request id recorded in the audit trail (default: a new UUID).")
    var requestID: String?

    func run() async throws {
        let input = try source.read()
        let guardrail = try policyOptions.makeGuard()
        let decision = guardrail.check(ScanInput(text: input, direction: source.direction, conversationID: conversation))
        // The decision is durable in the trail before it is printed: nothing is answered unrecorded.
        if let writer = try await auditOptions.openWriter() {
            let context = AuditContext(
                requestID: requestID ?? UUID().uuidString.lowercased(), conversationID: conversation, route: "cli.check",
                direction: source.direction)
            try await reportingAuditErrors {
                try await writer.record(DecisionEvent(decision: decision, context: context, privacy: auditOptions.privacy))
                try await writer.close()
            }
        }
        switch format {
        case .json:
            print(try JSONOutput.encode(decision))
        case .text:
            DecisionPrinter.print(decision, original: input)
        }
        try Terminal.flushStandardOutput()
        throw ExitStatus.forAction(decision.action)
    }
}

/// How results are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
