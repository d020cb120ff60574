public import ParapetCore
public import ParapetPolicy

/// The façade users hold: a compiled policy, a pseudonym vault, and calls to check text on
/// either side of a model call or to wrap the call itself.
///
/// A `Guard` is immutable and `Sendable`; build one at start-up and share it across tasks.
///
/// ```swift
/// let guardrail = try Guard(policyNamed: "default")
/// let reply = try await guardrail.call(prompt: "Mail jane@corp.example", conversation: "c1") { prompt in
///     try await model.complete(prompt)
/// }
/// ```
public final class Guard: Sendable {
    /// The compiled policy every check evaluates.
    public let policy: CompiledPolicy
    /// Applies rewrite operators and keeps pseudonyms.
    public let redactor: Redactor

    /// Creates a guard from a compiled policy.
    public init(policy: CompiledPolicy, vault: PseudonymVault = PseudonymVault()) {
        self.policy = policy
        self.redactor = Redactor(vault: vault)
    }

    /// Loads a policy by name (`default` → `policies/default.yaml`) with the standard scanners.
    /// - Throws: ``PolicyErrors`` listing every problem with file:line:column.
    public convenience init(policyNamed name: String, searchPaths: [String] = ["policies"]) throws {
        let loader = PolicyLoader(registry: StandardScanners.registry, searchPaths: searchPaths)
        self.init(policy: try loader.load(named: name))
    }

    /// Loads a policy from a YAML file with the standard scanners.
    /// - Throws: ``PolicyErrors`` listing every problem with file:line:column.
    public convenience init(policyFile path: String) throws {
        let loader = PolicyLoader(registry: StandardScanners.registry)
        self.init(policy: try loader.load(file: path))
    }

    /// The pseudonym vault shared by every check of this guard.
    public var vault: PseudonymVault { redactor.vault }

    /// Checks a text going into the model. Placeholder-shaped text in it (`<EMAIL_1>`) is
    /// reserved in the conversation first, so the vault never issues or restores what the user
    /// typed (``PseudonymVault/reserveTypedPlaceholders(in:conversation:)``).
    public func checkInput(
        _ text: String,
        role: String = "user",
        conversation: String? = nil,
        context: ScanContext = ScanContext()
    ) -> Decision {
        vault.reserveTypedPlaceholders(in: text, conversation: conversation ?? PseudonymVault.defaultConversation)
        return check(ScanInput(text: text, direction: .input, role: role, conversationID: conversation, context: context))
    }

    /// Checks a text coming out of the model (with all the policy's scanners unless told otherwise).
    public func checkOutput(
        _ text: String,
        conversation: String? = nil,
        context: ScanContext = ScanContext(),
        scanners: ScannerSelection = .all
    ) -> Decision {
        check(ScanInput(text: text, direction: .output, role: "assistant", conversationID: conversation, context: context),
              scanners: scanners)
    }

    /// Evaluates the policy on one scan input, with all its scanners or only some (a stream
    /// guard's windows without the deferred scanners, then the deferred ones on the whole answer).
    public func check(_ input: ScanInput, scanners: ScannerSelection = .all) -> Decision {
        policy.evaluate(input, redactor: redactor, scanners: scanners)
    }

    /// Replaces the pseudonyms this guard issued in `conversation` with their original values.
    public func restore(_ text: String, conversation: String) -> String {
        redactor.vault.restore(text, conversation: conversation)
    }
}
