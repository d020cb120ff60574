/// Collects the problems of one scanner's parameters, so that a policy reports all of them at
/// once instead of stopping at the first.
///
/// A factory records each problem (or runs a check that throws one) and calls
/// ``throwIfAny()`` at the end:
///
/// ```swift
/// var problems = ParameterProblems()
/// problems.rejectUnknown(parameters, known: ["terms", "score"], scannerType: "banlist")
/// let score = problems.check { try number("score", in: parameters) }
/// try problems.throwIfAny()
/// ```
public struct ParameterProblems: Sendable {
    /// The problems recorded so far, in order.
    public private(set) var errors: [ScannerConfigurationError] = []

    /// Creates an empty collection.
    public init() {}

    /// Whether nothing was recorded.
    public var isEmpty: Bool { errors.isEmpty }

    /// Records a problem (and the further problems it carries).
    public mutating func record(_ error: ScannerConfigurationError) {
        errors += error.all
    }

    /// Records a `bad_parameter` problem of `parameter`.
    public mutating func bad(_ parameter: String, _ message: String) {
        record(ScannerConfigurationError(code: "bad_parameter", message: message, parameter: parameter))
    }

    /// Runs a check; the error it throws is recorded (a ``ScannerConfigurationError`` as it is,
    /// any other as `bad_parameter`) and `nil` returned.
    public mutating func check<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let error as ScannerConfigurationError {
            record(error)
        } catch {
            record(ScannerConfigurationError(code: "bad_parameter", message: "\(error)"))
        }
        return nil
    }

    /// Records every key of `parameters` that is not in `known`, sorted by name (`unknown_parameter`).
    public mutating func rejectUnknown(_ parameters: [String: ParameterValue], known: Set<String>, scannerType: String) {
        let list = known.sorted().joined(separator: ", ")
        for key in parameters.keys.sorted() where !known.contains(key) {
            record(ScannerConfigurationError(
                code: "unknown_parameter", message: "unknown parameter '\(key)' for \(scannerType) (known: \(list))", parameter: key))
        }
    }

    /// Throws the first problem, carrying the others as ``ScannerConfigurationError/further``.
    public func throwIfAny() throws(ScannerConfigurationError) {
        guard var first = errors.first else { return }
        first.further = Array(errors.dropFirst())
        throw first
    }
}
