/// Builds scanners by type name from policy parameters.
///
/// Policies name scanners by `type` plus `params`; the registry maps each type to a factory. The
/// umbrella module registers the standard scanners; tests register fakes.
public struct ScannerRegistry: Sendable {
    /// Builds a scanner from its id and parameters, or throws ``ScannerConfigurationError``.
    public typealias Factory = @Sendable (_ id: String, _ parameters: [String: ParameterValue]) throws -> any Scanner

    private var factories: [String: Factory] = [:]

    /// Creates an empty registry.
    public init() {}

    /// Registers (or replaces) the factory for a scanner type.
    public mutating func register(_ type: String, factory: @escaping Factory) {
        factories[type] = factory
    }

    /// The registered type names, sorted.
    public var types: [String] { factories.keys.sorted() }

    /// Whether a type is registered.
    public func contains(_ type: String) -> Bool { factories[type] != nil }

    /// Builds a scanner.
    /// - Throws: ``ScannerConfigurationError`` for an unknown type or bad parameters.
    public func make(type: String, id: String, parameters: [String: ParameterValue]) throws -> any Scanner {
        guard let factory = factories[type] else {
            throw ScannerConfigurationError(
                code: "unknown_scanner_type",
                message: "unknown scanner type '\(type)' (known: \(types.joined(separator: ", ")))"
            )
        }
        return try factory(id, parameters)
    }
}

/// A scanner that cannot be built from the parameters it was given.
public struct ScannerConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code (`unknown_scanner_type`, `bad_parameter`, …).
    public var code: String
    /// What is wrong.
    public var message: String
    /// The parameter at fault, if one is: a name (`terms`) or an item of a list (`rules[1]`).
    public var parameter: String?
    /// Further problems found in the same parameters, so that a policy reports all of them at
    /// once (see ``ParameterProblems``).
    public var further: [ScannerConfigurationError]

    /// Creates an error.
    public init(code: String, message: String, parameter: String? = nil, further: [ScannerConfigurationError] = []) {
        self.code = code
        self.message = message
        self.parameter = parameter
        self.further = further
    }

    /// This problem followed by the further ones, each without further problems of its own.
    public var all: [ScannerConfigurationError] {
        [ScannerConfigurationError(code: code, message: message, parameter: parameter)] + further.flatMap(\.all)
    }

    /// `[code] message`, and the count of further problems.
    public var description: String {
        further.isEmpty ? "[\(code)] \(message)" : "[\(code)] \(message) (and \(further.count) more)"
    }
}
