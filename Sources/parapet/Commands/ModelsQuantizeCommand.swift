import ArgumentParser
import ParapetEncoder

/// `parapet models quantize`: writes an int8, f16 or bf16 copy of a model directory.
struct ModelsQuantizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "quantize", abstract: "Write a reduced-precision model copy.")

    @Option(help: "Source model directory.") var model = "models-cache/all-MiniLM-L6-v2"
    @Option(help: "Format: int8, f16 or bf16.") var format = "int8"
    @Option(help: "Destination directory (default <model>-<format>).") var output: String?

    func run() async throws {
        guard let f = Quantizer.Format(rawValue: format) else { throw ValidationError("format must be int8, f16 or bf16") }
        let dest = output ?? model + "-" + format
        let bytes = try Quantizer.write(source: model, destination: dest, format: f)
        print("\(dest): model.safetensors \(bytes / 1_000_000) MB (\(format))")
    }
}
