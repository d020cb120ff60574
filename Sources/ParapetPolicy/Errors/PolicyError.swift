/// One problem in a policy or policy-test file, with a stable code and the place it was found.
///
/// Printed as `file:line:column: error[code]: message`, the format compilers and editors
/// understand. Codes are stable: tooling may match on them (see `docs/policies.md`).
public struct PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable machine-readable code such as `unknown_key` (see ``PolicyError/Code``).
    public var code: String
    /// A human-readable message.
    public var message: String
    /// The file (or source name) the problem is in.
    public var file: String
    /// The 1-based line, or 0 when the problem concerns the whole file.
    public var line: Int
    /// The 1-based column in Unicode scalars, or 0 when the problem concerns the whole file.
    public var column: Int

    /// Creates an error.
    public init(code: String, message: String, file: String, line: Int, column: Int) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column: error[code]: message`.
    public var description: String { "\(file):\(line):\(column): error[\(code)]: \(message)" }
}

extension PolicyError {
    /// The stable error codes the loader reports.
    public enum Code {
        /// The file is not valid YAML.
        public static let yamlSyntax = "yaml_syntax"
        /// A mapping repeats a key.
        public static let duplicateKey = "duplicate_key"
        /// The file's aliases (`*name`) expand to far more nodes than the file holds (a
        /// "billion laughs" file), or an alias is used as a key.
        public static let aliasExpansion = "alias_expansion"
        /// A key the format does not know (often a typo).
        public static let unknownKey = "unknown_key"
        /// A required key is absent.
        public static let missingKey = "missing_key"
        /// A value has the wrong YAML type (a list where a string is expected, …).
        public static let badType = "bad_type"
        /// A value has the right type but is not allowed (an unknown action, a negative count, …).
        public static let badValue = "bad_value"
        /// A scanner `type` the registry does not know.
        public static let unknownScannerType = "unknown_scanner_type"
        /// The scanner factory rejected the `params`.
        public static let badScannerParams = "bad_scanner_params"
        /// Two scanners, rules or test cases share an id in one file.
        public static let duplicateID = "duplicate_id"
        /// A rule names a scanner id the policy does not define.
        public static let unknownScannerRef = "unknown_scanner_ref"
        /// A category pattern is not `*`, a dotted name, or a dotted prefix ending in `.*`.
        public static let badCategoryPattern = "bad_category_pattern"
        /// A rewrite operator name that does not exist.
        public static let unknownOperator = "unknown_operator"
        /// A score rule says `threshold: default`, but no scanner of the policy has a default for its key.
        public static let noDefaultThreshold = "no_default_threshold"
        /// A score rule tests a key that no scanner of the policy reports (a typo, or a task left
        /// out of a classifier's `tasks`): it could never fire.
        public static let unknownScore = "unknown_score"
        /// A `hash` operator names an environment variable that is not set.
        public static let missingEnv = "missing_env"
        /// `extends` leads back to a policy already being loaded.
        public static let extendsCycle = "extends_cycle"
        /// `extends` names a policy that cannot be found.
        public static let extendsNotFound = "extends_not_found"
        /// The policy or test file does not exist or cannot be read.
        public static let fileNotFound = "file_not_found"
        /// The file is not valid UTF-8.
        public static let invalidUTF8 = "invalid_utf8"
        /// A policy test names a policy that failed to load.
        public static let policyNotFound = "policy_not_found"
    }
}

/// Every problem found in a policy (and the policies it extends), reported together.
public struct PolicyErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, sorted by file, line and column.
    public var errors: [PolicyError]

    /// Creates the list, sorting it by location.
    public init(_ errors: [PolicyError]) {
        self.errors = errors.sorted { ($0.file, $0.line, $0.column, $0.code) < ($1.file, $1.line, $1.column, $1.code) }
    }

    /// One error per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }

    /// The codes, in order, for quick checks.
    public var codes: [String] { errors.map(\.code) }
}
