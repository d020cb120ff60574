import ArgumentParser
import Parapet

/// The one text `check` and `policy explain` work on, and its direction.
struct TextSourceOptions: ParsableArguments {
    @Argument(help: "The text (default: standard input).")
    var text: String?

    @Option(name: .shortAndLong, help: "Read the text from a file.")
    var file: String?

    @Option(name: .shortAndLong, help: "input (prompt) or output (model answer).")
    var direction: Direction = .input

    /// The text from the argument, else `--file`, else standard input (see ``TextInput/read(argument:file:)``).
    func read() throws -> String {
        try TextInput.read(argument: text, file: file)
    }
}
