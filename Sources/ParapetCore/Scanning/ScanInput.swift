/// One text to scan, with what a scanner may need to know about where it came from.
public struct ScanInput: Sendable, Hashable {
    /// The text exactly as received. Every ``Finding`` range indexes its UTF-8 bytes.
    public var text: String
    /// Whether the text goes into the model or comes out of it.
    public var direction: Direction
    /// The chat role of the text (`user`, `system`, `tool`, `assistant`, …), if known.
    public var role: String?
    /// A conversation id; pseudonyms are stable within one conversation.
    public var conversationID: String?
    /// Optional surrounding context, such as the system prompt for leakage checks.
    public var context: ScanContext

    /// Creates a scan input.
    public init(
        text: String,
        direction: Direction = .input,
        role: String? = nil,
        conversationID: String? = nil,
        context: ScanContext = ScanContext()
    ) {
        self.text = text
        self.direction = direction
        self.role = role
        self.conversationID = conversationID
        self.context = context
    }
}

/// Context a scanner may use beside the text itself.
public struct ScanContext: Sendable, Hashable {
    /// The system prompt of the conversation, if the caller shares it.
    public var systemPrompt: String?
    /// The prompt that produced an output text, if known.
    public var prompt: String?

    /// Creates a context.
    public init(systemPrompt: String? = nil, prompt: String? = nil) {
        self.systemPrompt = systemPrompt
        self.prompt = prompt
    }
}
