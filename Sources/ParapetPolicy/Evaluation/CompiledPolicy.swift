public import ParapetCore

/// A policy ready to evaluate: scanners built, rules checked, digest computed.
///
/// Built once by ``PolicyLoader``; ``evaluate(_:redactor:)`` then runs per request and compiles
/// nothing (OPA's `PrepareForEval` shape). Safe to share between tasks.
public final class CompiledPolicy: Sendable {
    /// The resolved document (parents merged, defaults filled in).
    public let document: PolicyDocument
    /// The policy's name.
    public var name: String { document.name }
    /// The policy's description.
    public var description: String? { document.description }
    /// SHA-256 (hex) of the canonical resolved policy, parents included.
    public let digest: String
    /// The canonical JSON the digest is computed over.
    public let canonicalJSON: String
    /// `enforce` or `monitor`.
    public var mode: PolicyMode { document.mode ?? .enforce }
    /// Whether text is normalised before scanning.
    public var normalize: Bool { document.normalize ?? true }
    /// How overlapping findings are resolved.
    public var overlap: OverlapStrategy { document.overlap ?? .highestScore }
    /// What a failing scanner does.
    public var onScannerError: ScannerFailureAction { document.onScannerError ?? .block }
    /// The scanner entries (ids, types, directions, parameters), in order.
    public var scanners: [ScannerSpec] { document.scanners }
    /// The rules, in order (parents' first, as merged).
    public var rules: [PolicyRule] { document.rules }

    /// The threshold each score key's scanner ships with (a classifier bundle's per-label
    /// thresholds), for readers that judge scores no rule tests, such as OpenAI's moderation
    /// categories. Computed once, when the policy is compiled.
    public let defaultThresholds: [String: Double]

    /// The built scanners with their entries' ids, directions and timing keys, in order.
    let compiledScanners: [CompiledScanner]
    /// The rules with their compiled operators and condition descriptions, in order.
    let compiledRules: [CompiledRule]
    /// How many distinct score keys the rules test: the size of every decision's `flags`.
    let flagKeyCount: Int
    /// Prepares text for scanning (normalisation).
    let preparer: any TextPreparer

    /// The files the policy was read from: its own first, then each parent of its `extends` chain
    /// (a reload watches them all; a policy given as YAML text has its source label here).
    public let sourceFiles: [String]

    init(
        document: PolicyDocument, scanners: [any ParapetCore.Scanner], operators: [RedactionOperator?], preparer: any TextPreparer,
        sourceFiles: [String] = []
    ) {
        self.document = document
        self.sourceFiles = sourceFiles
        self.defaultThresholds = scanners.defaultThresholds
        self.canonicalJSON = document.canonicalJSON
        self.digest = document.digest
        self.compiledScanners = zip(document.scanners, scanners).map { CompiledScanner(spec: $0, scanner: $1) }
        self.compiledRules = zip(document.rules, operators).map { CompiledRule($0, redactionOperator: $1) }
        self.flagKeyCount = Set(document.rules.compactMap { rule -> String? in
            if case .score(let condition) = rule.condition { return condition.key }
            return nil
        }).count
        self.preparer = preparer
    }

    /// Scans a text and decides what to do with it.
    ///
    /// - Parameters:
    ///   - input: the text, its direction and conversation.
    ///   - redactor: applies rewrite operators; its vault keeps pseudonyms per conversation.
    ///   - scanners: which scanners run (all by default); rules reading what the others would have
    ///     reported do not fire. A stream guard runs the score-only scanners of
    ///     ``deferrableScanners(direction:)`` once over the whole answer and the rest per window.
    /// - Returns: a complete ``Decision``.
    public func evaluate(_ input: ScanInput, redactor: Redactor, scanners: ScannerSelection = .all) -> Decision {
        run(input, redactor: redactor, explainAll: false, scanners: scanners).decision
    }

    /// Evaluates a text and explains every rule: whether it fired, and why or why not.
    public func explain(_ input: ScanInput, redactor: Redactor) -> PolicyExplanation {
        let (decision, traces) = run(input, redactor: redactor, explainAll: true)
        return PolicyExplanation(decision: decision, rules: traces)
    }
}
