import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

/// The `parapet` command line: policy checks, batch scans, policy tooling and benchmarks.
@main
struct ParapetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parapet",
        abstract: "Guardrails for LLM calls: scan text for PII, secrets and policy violations.",
        discussion: """
            Exit codes: 0 allowed (or flagged), 1 error, 2 blocked, 3 rewritten, \
            4 scan finished but some records were bad, 5 audit trail failed verification, 64 usage error.
            """,
        version: "0.1.0",
        subcommands: [
            CheckCommand.self, ScanCommand.self, PolicyCommand.self, ModelsCommand.self, BenchCommand.self, EvalCommand.self,
            AuditCommand.self, ServeCommand.self,
        ]
    )

    /// The entry point. `parapet serve` first moves Swift's tasks onto SwiftNIO's event loops
    /// (see ``installEventLoopExecutorForServe()``). What a command printed is flushed before
    /// the process exits, and a failed write (`parapet audit list > /dev/full`, a closed pipe)
    /// is an error (exit 1) whatever the command, not a silent success.
    static func main() async {
        // A write to a closed pipe (`parapet scan … | head -1`) must fail with EPIPE and be
        // reported as `write_failed`, not kill the process silently with SIGPIPE (exit 141).
        // SwiftNIO ignores SIGPIPE on its sockets anyway, so `parapet serve` is unaffected.
        signal(SIGPIPE, SIG_IGN)
        installEventLoopExecutorForServe()
        var outcome: (any Error)?
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            outcome = error
        }
        do {
            try Terminal.flushStandardOutput()
        } catch {
            Terminal.error("\(error)")
            exit(withError: ExitStatus.error)
        }
        exit(withError: outcome)
    }

    /// For `parapet serve`, runs tasks on SwiftNIO's event loops instead of Swift's cooperative
    /// thread pool. Every proxied request crosses between the HTTP server, the guard and the
    /// upstream client several times; on one set of threads a crossing is a function call, not
    /// a thread wake-up. It must happen before any task starts, so here, while `main` still runs
    /// synchronously on the main thread, and not in ServeCommand.
    /// `PARAPET_SERVE_EXECUTOR=pool` keeps Swift's own pool (for comparison or if a scanner
    /// must not run on the I/O threads).
    private static func installEventLoopExecutorForServe() {
        guard CommandLine.arguments.dropFirst().first == "serve" else { return }
        // `--event-loops N` sizes the event-loop group, which must also happen before its first
        // use; a bad value fails this parse and is reported by the real one.
        if let loops = (try? ServeCommand.parse(Array(CommandLine.arguments.dropFirst(2))))?.eventLoops {
            NIOSingletons.groupLoopCountSuggestion = loops
        }
        guard ProcessInfo.processInfo.environment["PARAPET_SERVE_EXECUTOR"] != "pool" else { return }
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
