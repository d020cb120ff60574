/// A place in a policy file: file name, 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file (or source name).
    public var file: String
    /// The 1-based line (0 when unknown).
    public var line: Int
    /// The 1-based column in Unicode scalars (0 when unknown).
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }

    /// An error at this location.
    func error(_ code: String, _ message: String) -> PolicyError {
        PolicyError(code: code, message: message, file: file, line: line, column: column)
    }
}
