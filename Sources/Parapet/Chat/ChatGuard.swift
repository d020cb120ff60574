public import ParapetCore

/// Guards whole chat exchanges: the messages going in, the answer (and tool calls) coming out,
/// streamed or not. The proxy server and ``GuardedModelClient`` both run on it.
public struct ChatGuard: Sendable {
    /// The guard whose policy every part is checked against.
    public let guardrail: Guard
    /// What is scanned.
    public let options: ChatScanOptions

    /// Creates a chat guard.
    public init(guardrail: Guard, options: ChatScanOptions = ChatScanOptions()) {
        self.guardrail = guardrail
        self.options = options
    }

    /// Checks every scanned part of a request and rewrites the ones the policy rewrites.
    ///
    /// Pseudonyms: first every placeholder-shaped text anywhere in the body (messages, documents,
    /// tool descriptions, any field the model may read; JSON escapes such as `\u003c` read as the
    /// character) is reserved as typed by the user (never issued, never restored), so which part
    /// comes first does not matter; last, the parts the policy does not scan (the model's earlier
    /// answers and tool calls in the history, restored before the client saw them) get the
    /// placeholders of the values this conversation has pseudonymized, so they do not carry them
    /// back to the model. Tool results (`tool`, `function` roles) are scanned as their JSON
    /// decodes: escapes that only hide a character are written as the character.
    ///
    /// - Parameter conversation: pseudonyms issued here are restored in the answer of the same
    ///   conversation.
    public func checkRequest(_ request: ChatRequest, conversation: String) -> ChatInputCheck {
        var body = request.body
        var parts: [ScannedPart] = []
        let vault = guardrail.vault
        body.forEachString { vault.reserveTypedPlaceholders(in: JSONEscapeNormalizer.normalize($0), conversation: conversation) }
        // Every part but the system (or developer) prompt itself is read against the system prompt.
        let context = ScanContext(systemPrompt: request.systemPrompt)
        func scan(_ text: String, role: String, location: String) -> String? {
            let decision = guardrail.checkInput(text, role: role, conversation: conversation,
                                                context: ChatScanOptions.isSystem(role: role) ? ScanContext() : context)
            parts.append(ScannedPart(location: location, role: role, direction: .input, decision: decision))
            return decision.text
        }
        body.updateArray("messages") { message, index in
            let role = message["role"]?.stringValue ?? "user"
            guard options.scans(role: role) else { return }
            let decodesJSON = ["tool", "function"].contains(role.lowercased())
            Self.rewriteContent(of: &message, location: "messages[\(index)].content") {
                scan(decodesJSON ? JSONEscapeNormalizer.normalize($0) : $0, role: role, location: $1)
            }
        }
        if options.scanDocuments {
            body.updateArray("documents") { document, index in
                let location = "documents[\(index)]"
                if case .string(let text) = document {
                    document = .string(scan(text, role: "document", location: location) ?? "")
                    return
                }
                for key in ["text", "content", "snippet"] {
                    if let text = document[key]?.stringValue {
                        document[key] = .string(scan(text, role: "document", location: "\(location).\(key)") ?? "")
                    }
                }
            }
        }
        if let known = vault.knownValues(conversation: conversation) {
            body.updateArray("messages") { message, _ in
                if !options.scans(role: message["role"]?.stringValue ?? "user") {
                    Self.rewriteContent(of: &message, location: "") { text, _ in known.pseudonymize(text) }
                }
                Self.rewriteToolArguments(of: &message, location: "") { arguments, _ in
                    known.pseudonymize(JSONEscapeNormalizer.normalize(arguments))
                }
            }
        }
        return ChatInputCheck(request: ChatRequest(body: body), parts: parts)
    }

    /// Rewrites the text of a `content` (string or text parts) with `transform(text, location)`.
    static func rewriteContent(of message: inout JSONValue, location: String, _ transform: (String, String) -> String?) {
        switch message["content"] {
        case .string(let text):
            message["content"] = .string(transform(text, location) ?? "")
        case .array(var items):
            // Every part that carries text: a part with a string `text`, whatever its `type`
            // (`text`, `input_text`, or one an upstream invents), and a bare string. Checking
            // only `type: text` let other spellings past the guard.
            for index in items.indices {
                if case .string(let text) = items[index] {
                    items[index] = .string(transform(text, "\(location)[\(index)]") ?? "")
                } else if let text = items[index]["text"]?.stringValue {
                    items[index]["text"] = .string(transform(text, "\(location)[\(index)].text") ?? "")
                }
            }
            message["content"] = .array(items)
        default: break
        }
    }
}

extension ChatGuard {
    /// Rewrites the tool-call arguments of a message with `transform(arguments, location)`: every
    /// `tool_calls[i].function.arguments` and the legacy `function_call.arguments` (nil from
    /// `transform` empties them, as a blocked text).
    static func rewriteToolArguments(of message: inout JSONValue, location: String, _ transform: (String, String) -> String?) {
        message.updateArray("tool_calls") { call, index in
            if let arguments = call["function"]?["arguments"]?.stringValue {
                call["function"]?["arguments"] = .string(transform(arguments, "\(location).tool_calls[\(index)].function.arguments") ?? "")
            }
        }
        if let arguments = message["function_call"]?["arguments"]?.stringValue {
            message["function_call"]?["arguments"] = .string(transform(arguments, "\(location).function_call.arguments") ?? "")
        }
    }
}

/// One scanned piece of a request or answer and its decision.
public struct ScannedPart: Sendable, Hashable {
    /// Where in the body (`messages[2].content`, `choices[0].message.tool_calls[1].function.arguments`).
    public var location: String
    /// The role of the text (`user`, `tool`, `document`, `assistant`, …).
    public var role: String
    /// Input or output.
    public var direction: Direction
    /// The policy's decision on it.
    public var decision: Decision

    /// Creates a scanned part.
    public init(location: String, role: String, direction: Direction, decision: Decision) {
        self.location = location
        self.role = role
        self.direction = direction
        self.decision = decision
    }
}

/// The outcome of checking a request.
public struct ChatInputCheck: Sendable, Hashable {
    /// The request to forward: rewritten where the policy rewrote (meaningless when blocked).
    public var request: ChatRequest
    /// Every scanned part, in body order.
    public var parts: [ScannedPart]

    /// The first blocking decision, if any part was blocked.
    public var blocked: Decision? { parts.first { $0.decision.action == .block }?.decision }

    /// The strongest action over all parts (`allow` when nothing was scanned).
    public var action: Action { parts.map(\.decision.action).max() ?? .allow }
}
