public import ParapetCore

/// A validated policy file: every key checked and typed, nothing compiled yet.
///
/// Scalar settings are optional here so that a child policy can leave them to its parent
/// (`extends`); ``PolicyLoader`` merges the chain and fills in defaults before compiling.
public struct PolicyDocument: Sendable, Hashable {
    /// The format version; always 1.
    public var version: Int
    /// The policy's name, carried into every ``Decision``.
    public var name: String
    /// A human description.
    public var description: String?
    /// The parent policy (a name in the same directory or a relative path), if any.
    public var extends: String?
    /// `enforce` or `monitor`; defaults to `enforce`.
    public var mode: PolicyMode?
    /// Whether to normalise text before scanning; defaults to `true`.
    public var normalize: Bool?
    /// How overlapping findings are resolved; defaults to `highest_score`.
    public var overlap: OverlapStrategy?
    /// What a failing scanner does; defaults to `block` (fail closed).
    public var onScannerError: ScannerFailureAction?
    /// The scanners, in file order.
    public var scanners: [ScannerSpec]
    /// The rules, in file order.
    public var rules: [PolicyRule]
    /// Where the document starts.
    public var location: SourceLocation
    /// Where the `extends` value is, for error reporting.
    public var extendsLocation: SourceLocation?

    /// Creates a document.
    public init(
        version: Int = 1, name: String, description: String? = nil, extends: String? = nil,
        mode: PolicyMode? = nil, normalize: Bool? = nil, overlap: OverlapStrategy? = nil,
        onScannerError: ScannerFailureAction? = nil, scanners: [ScannerSpec] = [], rules: [PolicyRule] = [],
        location: SourceLocation, extendsLocation: SourceLocation? = nil
    ) {
        self.version = version
        self.name = name
        self.description = description
        self.extends = extends
        self.mode = mode
        self.normalize = normalize
        self.overlap = overlap
        self.onScannerError = onScannerError
        self.scanners = scanners
        self.rules = rules
        self.location = location
        self.extendsLocation = extendsLocation
    }
}

/// Whether a policy acts on its decisions or only reports them.
public enum PolicyMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Block, rewrite and flag as the rules say.
    case enforce
    /// Never change or stop text: what would be blocked or rewritten is flagged instead, and
    /// ``Decision/wouldBe`` records what `enforce` would have done.
    case monitor
}

/// What a policy does when a scanner throws.
public enum ScannerFailureAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// Fail closed: block the text.
    case block
    /// Fail open: carry on with the other scanners' findings.
    case allow
}

/// One scanner entry of a policy: built through a ``ScannerRegistry`` at load time.
public struct ScannerSpec: Sendable, Hashable {
    /// The scanner id, used in findings, rules (`scanner:`) and timings (`scan.<id>`).
    public var id: String
    /// The registry type name (`patterns`, `regex`, `banlist`, …).
    public var type: String
    /// The directions the scanner runs on.
    public var directions: Set<Direction>
    /// The parameters handed to the factory.
    public var parameters: [String: ParameterValue]
    /// Where the entry is.
    public var location: SourceLocation
    /// Where `type` is.
    public var typeLocation: SourceLocation
    /// Where `params` is (the entry itself if absent).
    public var parametersLocation: SourceLocation
    /// Where each parameter (`terms`) and each item of a list parameter (`rules[1]`) is, so that a
    /// problem the scanner's factory finds is reported on its own line.
    public var parameterLocations: [String: SourceLocation]

    /// Creates a scanner entry.
    public init(
        id: String, type: String, directions: Set<Direction> = Set(Direction.allCases),
        parameters: [String: ParameterValue] = [:], location: SourceLocation,
        typeLocation: SourceLocation? = nil, parametersLocation: SourceLocation? = nil,
        parameterLocations: [String: SourceLocation] = [:]
    ) {
        self.id = id
        self.type = type
        self.directions = directions
        self.parameters = parameters
        self.location = location
        self.typeLocation = typeLocation ?? location
        self.parametersLocation = parametersLocation ?? location
        self.parameterLocations = parameterLocations
    }

    /// Where a problem with `parameter` (a name or `name[i]`) is: the item, else the parameter,
    /// else `params`.
    public func location(ofParameter parameter: String?) -> SourceLocation {
        guard let parameter else { return parametersLocation }
        if let exact = parameterLocations[parameter] { return exact }
        if let bracket = parameter.firstIndex(of: "["), let name = parameterLocations[String(parameter[..<bracket])] {
            return name
        }
        return parametersLocation
    }
}
