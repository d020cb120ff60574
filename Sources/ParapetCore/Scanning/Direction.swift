/// Which side of a model call a text is on.
public enum Direction: String, Sendable, Hashable, Codable, CaseIterable {
    /// Text going into the model: prompts, tool results, retrieved documents.
    case input
    /// Text coming out of the model: answers and tool-call arguments.
    case output
}
