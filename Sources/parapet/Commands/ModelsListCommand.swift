import ArgumentParser
import ParapetEncoder

/// `parapet models list`: the model directories in the cache.
struct ModelsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List cached models.")

    @Option(help: "Cache folder (default $PARAPET_MODELS_DIR or ./models-cache).") var cache: String?

    func run() async throws {
        let store = ModelStore(root: cache ?? ModelStore.defaultRoot)
        for e in store.list() {
            let state = e.isComplete ? (e.hasManifest ? "pinned" : "unpinned") : "incomplete"
            print("\(e.name)\t\(state)\t\(e.path)")
        }
    }
}
