import ArgumentParser

/// `parapet models`: fetch, list, verify, embed with and quantize encoder models.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Manage the encoder models in the local cache.",
        subcommands: [
            ModelsFetchCommand.self, ModelsListCommand.self, ModelsVerifyCommand.self,
            ModelsEmbedCommand.self, ModelsQuantizeCommand.self,
        ])
}
