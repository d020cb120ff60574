/// Detects things in a text. A scanner never rewrites; operators do that.
///
/// Scanners are built once (from a policy, through a ``ScannerRegistry``) and then called
/// concurrently from many tasks, so they must be `Sendable` and keep no per-call mutable state.
public protocol Scanner: Sendable {
    /// A stable id, used in findings and in the audit trail (`patterns.pii`).
    var id: String { get }

    /// Scans one text.
    /// - Throws: ``ScannerError`` when the scanner cannot do its job (a resource limit, a
    ///   broken model). Policies decide whether a failing scanner blocks or lets through.
    func scan(_ input: ScanInput) throws -> ScanOutcome

    /// Every key this scanner can put in ``ScanOutcome/scores``, or `nil` when it cannot say
    /// (the default). When every scanner of a policy says, the policy loader refuses a score rule
    /// on a key none of them reports (`unknown_score`), which could never fire.
    var scoreKeys: Set<String>? { get }
}

extension Scanner {
    /// Unknown by default: the loader then accepts any score rule.
    public var scoreKeys: Set<String>? { nil }
}

/// A scanner failure with a stable code.
public struct ScannerError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The failing scanner's id.
    public var scanner: String
    /// A stable machine-readable code (`match_limit`, `model_error`, …).
    public var code: String
    /// A human-readable message.
    public var message: String

    /// Creates a scanner error.
    public init(scanner: String, code: String, message: String) {
        self.scanner = scanner
        self.code = code
        self.message = message
    }

    /// `scanner: [code] message`.
    public var description: String { "\(scanner): [\(code)] \(message)" }
}
