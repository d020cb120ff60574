import ArgumentParser
import ParapetEncoder

/// `parapet models verify [name]`: checks every file against the pinned SHA-256 digests.
struct ModelsVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Verify a cached model's files.")

    @Argument(help: "Model name.") var name = "all-MiniLM-L6-v2"
    @Option(help: "Cache folder.") var cache: String?

    func run() async throws {
        do {
            let n = try ModelStore(root: cache ?? ModelStore.defaultRoot).verify(name: name)
            print("\(name): \(n) files match their pinned SHA-256")
        } catch {
            print("\(name): \(error)")
            throw ExitCode(3)
        }
    }
}
