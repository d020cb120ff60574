import Foundation
public import ParapetCore

/// Loads, validates and compiles policy files.
///
/// Loading does all the heavy work once: it reads the file and the policies it extends, checks
/// every key, builds every scanner through the registry and resolves operator keys. Every problem
/// found is reported together in one ``PolicyErrors``.
public struct PolicyLoader: Sendable {
    /// Builds scanners by type name.
    public let registry: ScannerRegistry
    /// Directories searched by ``load(named:)`` and, after the child's own directory, by `extends`.
    public let searchPaths: [String]
    /// Environment variables, for `hash` operator keys (`key_env`).
    public let environment: [String: String]

    /// Creates a loader that reads `key_env` keys from the process environment.
    /// - Parameters:
    ///   - registry: the scanner types policies may use.
    ///   - searchPaths: directories holding `<name>.yaml` policies.
    public init(registry: ScannerRegistry, searchPaths: [String] = ["policies"]) {
        self.init(registry: registry, searchPaths: searchPaths, environment: ProcessInfo.processInfo.environment)
    }

    /// Creates a loader with an explicit environment for `key_env` keys (tests, embedding).
    public init(registry: ScannerRegistry, searchPaths: [String], environment: [String: String]) {
        self.registry = registry
        self.searchPaths = searchPaths
        self.environment = environment
    }

    /// Loads the policy `<name>.yaml` (or `.yml`) from the first search path that has it.
    public func load(named name: String) throws(PolicyErrors) -> CompiledPolicy {
        guard let path = locate(name, relativeTo: nil) else {
            let searched = searchPaths.joined(separator: ", ")
            throw PolicyErrors([PolicyError(
                code: PolicyError.Code.fileNotFound, message: "no policy named '\(name)' in \(searched)",
                file: name, line: 0, column: 0)])
        }
        return try load(file: path)
    }

    /// Loads a policy file.
    public func load(file path: String) throws(PolicyErrors) -> CompiledPolicy {
        var errors: [PolicyError] = []
        guard let yaml = Self.read(path, errors: &errors) else { throw PolicyErrors(errors) }
        return try load(yaml: yaml, source: path)
    }

    /// Loads a policy from YAML text; `source` names it in errors and anchors relative `extends`.
    public func load(yaml: String, source: String) throws(PolicyErrors) -> CompiledPolicy {
        let (policy, errors) = compile(yaml: yaml, source: source)
        guard let policy, errors.isEmpty else { throw PolicyErrors(errors) }
        return policy
    }

    /// Every problem in a policy file (and its parents), sorted by location; empty when valid.
    public func lint(file: String) -> [PolicyError] {
        var errors: [PolicyError] = []
        guard let yaml = Self.read(file, errors: &errors) else { return errors }
        return PolicyErrors(compile(yaml: yaml, source: file).1).errors
    }

    /// Every problem in a policy given as text; empty when valid.
    public func lint(yaml: String, source: String) -> [PolicyError] {
        PolicyErrors(compile(yaml: yaml, source: source).1).errors
    }

    /// Parses, resolves `extends`, validates and compiles; returns the errors beside the result.
    func compile(yaml: String, source: String) -> (CompiledPolicy?, [PolicyError]) {
        var resolution = ExtendsResolution(loader: self)
        let document = resolution.resolve(yaml: yaml, source: source)
        var errors = resolution.errors
        guard let document else { return (nil, errors) }
        var resolved = document.withDefaults()
        let known = Set(resolved.scanners.map(\.id)).union(resolution.declaredScannerIDs)
        for (scanner, location) in resolution.scannerReferences where !resolution.incomplete && !known.contains(scanner) {
            errors.append(location.error(
                PolicyError.Code.unknownScannerRef,
                "the rule names scanner '\(NodeReader.preview(scanner))', which the policy does not define"
                    + (known.isEmpty ? "" : " (defined: \(known.sorted().joined(separator: ", ")))")))
        }
        let operators = resolveOperators(resolved.rules, errors: &errors)
        let scanners = buildScanners(resolved.scanners, errors: &errors)
        // Score keys are known only when every scanner was built (and every parent was read), but
        // then their problems are reported beside the others, not in a second round.
        if scanners.count == resolved.scanners.count, !resolution.incomplete {
            resolved.rules = resolveDefaultThresholds(resolved.rules, scanners: scanners, errors: &errors)
            checkScoreKeys(resolved.rules, scanners: scanners, errors: &errors)
        }
        guard errors.isEmpty else { return (nil, errors) }
        let policy = CompiledPolicy(
            document: resolved, scanners: scanners, operators: operators, preparer: Self.preparer(resolved),
            sourceFiles: resolution.files)
        return (policy, [])
    }

    /// Builds each scanner once; unknown types and rejected parameters become errors.
    func buildScanners(_ specs: [ScannerSpec], errors: inout [PolicyError]) -> [any ParapetCore.Scanner] {
        var scanners: [any ParapetCore.Scanner] = []
        for spec in specs {
            guard registry.contains(spec.type) else {
                let hint = NodeReader.closest(to: spec.type, in: registry.types).map { "; did you mean '\($0)'?" } ?? ""
                errors.append(spec.typeLocation.error(
                    PolicyError.Code.unknownScannerType,
                    "unknown scanner type '\(spec.type)'\(hint) (known: \(registry.types.joined(separator: ", ")))"))
                continue
            }
            do {
                scanners.append(try registry.make(type: spec.type, id: spec.id, parameters: spec.parameters))
            } catch let error as ScannerConfigurationError {
                for problem in error.all {
                    let parameter = problem.parameter.map { problem.message.contains($0) ? "" : " (parameter '\($0)')" } ?? ""
                    errors.append(spec.location(ofParameter: problem.parameter).error(
                        PolicyError.Code.badScannerParams,
                        "scanner '\(spec.id)' (\(spec.type)): \(problem.message)\(parameter) [\(problem.code)]"))
                }
            } catch {
                errors.append(spec.parametersLocation.error(
                    PolicyError.Code.badScannerParams, "scanner '\(spec.id)' (\(spec.type)): \(error)"))
            }
        }
        return scanners
    }

    /// Replaces `threshold: default` by the threshold the scanner reporting the key ships with.
    func resolveDefaultThresholds(_ rules: [PolicyRule], scanners: [any ParapetCore.Scanner], errors: inout [PolicyError]) -> [PolicyRule] {
        let defaults = scanners.defaultThresholds
        return rules.map { rule in
            guard case .score(var condition) = rule.condition, condition.usesDefaultThreshold else { return rule }
            guard let value = defaults[condition.key] else {
                errors.append(rule.location.error(
                    PolicyError.Code.noDefaultThreshold,
                    "rule '\(rule.id)' asks for the default threshold of '\(condition.key)', but no scanner of the policy reports one"
                        + (defaults.isEmpty ? "" : " (defaults for: \(defaults.keys.sorted().joined(separator: ", ")))")))
                return rule
            }
            condition.threshold = value
            var resolved = rule
            resolved.condition = .score(condition)
            return resolved
        }
    }

    /// Refuses score rules on keys no scanner reports, when every scanner says what it reports
    /// (``ParapetCore/Scanner/scoreKeys``). Rules asking for a default threshold are left to
    /// ``resolveDefaultThresholds(_:scanners:errors:)``, which already says no scanner has one.
    func checkScoreKeys(_ rules: [PolicyRule], scanners: [any ParapetCore.Scanner], errors: inout [PolicyError]) {
        var reported: Set<String> = []
        for scanner in scanners {
            guard let keys = scanner.scoreKeys else { return }
            reported.formUnion(keys)
        }
        for rule in rules {
            guard case .score(let condition) = rule.condition, !condition.usesDefaultThreshold,
                !reported.contains(condition.key) else { continue }
            let hint = NodeReader.closest(to: condition.key, in: reported.sorted()).map { "; did you mean '\($0)'?" } ?? ""
            errors.append(rule.location.error(
                PolicyError.Code.unknownScore,
                "rule '\(rule.id)' tests the score '\(NodeReader.preview(condition.key))', which no scanner of the policy reports, so it could never fire\(hint)"
                    + (reported.isEmpty ? " (the policy's scanners report no scores)" : " (reported: \(reported.sorted().joined(separator: ", ")))")))
        }
    }

    /// Turns each rule's operator spec into a redaction operator, reading hash keys from the environment.
    func resolveOperators(_ rules: [PolicyRule], errors: inout [PolicyError]) -> [RedactionOperator?] {
        rules.map { rule in
            switch rule.operator {
            case nil: return nil
            case .mask(let character, let keepLast, let keepSeparators)?:
                return .mask(character: character, keepLast: keepLast, keepSeparators: keepSeparators)
            case .replace(let template)?: return .replace(template: template)
            case .pseudonymize?: return .pseudonymize
            case .remove?: return .remove
            case .hash(let variable, let length)?:
                guard let key = environment[variable], !key.isEmpty else {
                    let state = environment[variable] == nil ? "which is not set" : "which is empty"
                    errors.append(rule.location.error(
                        PolicyError.Code.missingEnv, "rule '\(rule.id)': operator hash reads its key from $\(variable), \(state)"))
                    return nil
                }
                return .hash(key: key, length: length)
            }
        }
    }

    static func preparer(_ document: PolicyDocument) -> any TextPreparer {
        document.normalize == true ? NormalizerPreparer() : IdentityPreparer()
    }

    // MARK: Files

    /// Finds `<name>.yaml`/`.yml`, or a path, first beside `directory`, then in the search paths.
    func locate(_ name: String, relativeTo directory: String?) -> String? {
        let looksLikePath = name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml")
        let candidates = looksLikePath ? [name] : [name + ".yaml", name + ".yml"]
        let directories = (directory.map { [$0] } ?? []) + (looksLikePath && directory != nil ? [] : searchPaths)
        for dir in directories {
            for candidate in candidates {
                let path = candidate.hasPrefix("/") ? candidate : (dir as NSString).appendingPathComponent(candidate)
                if FileManager.default.fileExists(atPath: path) { return path }
            }
        }
        if looksLikePath, directory == nil, FileManager.default.fileExists(atPath: name) { return name }
        return nil
    }

    /// Reads a file as UTF-8, recording `file_not_found` or `invalid_utf8`.
    static func read(_ path: String, errors: inout [PolicyError]) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            errors.append(PolicyError(code: PolicyError.Code.fileNotFound, message: "'\(path)' is a directory, not a policy file",
                                      file: path, line: 0, column: 0))
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            errors.append(PolicyError(code: PolicyError.Code.fileNotFound, message: "cannot read '\(path)'",
                                      file: path, line: 0, column: 0))
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let (line, column) = invalidUTF8Position(data)
            errors.append(PolicyError(code: PolicyError.Code.invalidUTF8, message: "the file is not valid UTF-8",
                                      file: path, line: line, column: column))
            return nil
        }
        return text
    }

    /// The line and column of the first byte that breaks UTF-8 decoding.
    static func invalidUTF8Position(_ data: Data) -> (Int, Int) {
        let bytes = [UInt8](data)
        var line = 1, lineStart = 0, index = 0
        while index < bytes.count {
            let length = bytes[index] < 0x80 ? 1 : bytes[index] >> 5 == 0b110 ? 2 : bytes[index] >> 4 == 0b1110 ? 3
                : bytes[index] >> 3 == 0b11110 ? 4 : 0
            let end = index + length
            if length == 0 || end > bytes.count
                || String(validating: bytes[index..<end], as: UTF8.self) == nil
            {
                let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
                return (line, column)
            }
            if bytes[index] == 0x0A {
                line += 1
                lineStart = end
            }
            index = end
        }
        return (line, 1)
    }
}
