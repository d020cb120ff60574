internal import Yams
import ParapetCore
import ParapetRegex

extension PatternCatalog {
    /// Parses a catalog from YAML text.
    ///
    /// - Parameters:
    ///   - yaml: the catalog text.
    ///   - source: a file name for error messages.
    /// - Throws: ``CatalogError`` with the line and column of the offending node.
    public init(yaml: String, source: String) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw CatalogError(code: "yaml_syntax", message: "\(error)", source: source)
        } catch {
            throw CatalogError(code: "yaml_syntax", message: "\(error)", source: source)
        }
        guard let root, let mapping = root.mapping else {
            throw CatalogError(code: "bad_document", message: "a catalog is a mapping with 'catalog' and 'patterns'", source: source)
        }
        let reader = NodeReader(source: source)
        let name = try reader.string(mapping, "catalog", in: root)
        guard let list = mapping["patterns"], let sequence = list.sequence else {
            throw reader.error("missing_field", "'patterns' must be a list", at: root)
        }
        var patterns: [PatternDefinition] = []
        var seen: Set<String> = []
        for item in sequence {
            let pattern = try reader.pattern(item)
            guard seen.insert(pattern.name).inserted else {
                throw reader.error("duplicate_name", "pattern '\(pattern.name)' is defined twice", at: item)
            }
            patterns.append(pattern)
        }
        self.init(name: name, patterns: patterns)
    }
}

/// Turns YAML nodes into definitions, with file:line errors.
private struct NodeReader {
    let source: String

    static let knownKeys: Set<String> = [
        "name", "category", "regex", "score", "group", "options", "context", "exclude_context",
        "validators", "validator", "valid_score", "invalid_score", "requires", "description", "min_score",
    ]
    static let knownOptions: Set<String> = ["caseless", "multiline", "dot_all", "extended", "ucp", "ungreedy"]

    func error(_ code: String, _ message: String, at node: Node) -> CatalogError {
        CatalogError(code: code, message: message, source: source, line: node.mark.map { $0.line }, column: node.mark.map { $0.column })
    }

    func string(_ mapping: Node.Mapping, _ key: String, in parent: Node) throws -> String {
        guard let node = mapping[key] else { throw error("missing_field", "'\(key)' is required", at: parent) }
        guard let value = node.scalar?.string, !value.isEmpty else {
            throw error("bad_value", "'\(key)' must be a non-empty string", at: node)
        }
        return value
    }

    func number(_ node: Node, _ key: String) throws -> Double {
        guard let value = node.float ?? node.int.map(Double.init) else {
            throw error("bad_value", "'\(key)' must be a number", at: node)
        }
        return value
    }

    func strings(_ node: Node, _ key: String) throws -> [String] {
        if let scalar = node.scalar { return [scalar.string] }
        guard let sequence = node.sequence else { throw error("bad_value", "'\(key)' must be a list of strings", at: node) }
        return try sequence.map { item in
            guard let value = item.scalar?.string else { throw error("bad_value", "'\(key)' must be a list of strings", at: item) }
            return value
        }
    }

    func pattern(_ node: Node) throws -> PatternDefinition {
        guard let mapping = node.mapping else { throw error("bad_pattern", "a pattern is a mapping", at: node) }
        for (key, _) in mapping {
            guard let name = key.scalar?.string, Self.knownKeys.contains(name) else {
                throw error("unknown_field", "unknown field '\(key.scalar?.string ?? "?")'", at: key)
            }
        }
        let name = try string(mapping, "name", in: node)
        let category = Category(rawValue: try string(mapping, "category", in: node))
        let regex = try string(mapping, "regex", in: node)
        guard let scoreNode = mapping["score"] else { throw error("missing_field", "'score' is required", at: node) }
        let score = try number(scoreNode, "score")
        guard (0...1).contains(score) else { throw error("bad_value", "'score' must be in 0…1", at: scoreNode) }
        var definition = PatternDefinition(name: name, category: category, regex: regex, score: score)
        if let groupNode = mapping["group"] { definition.group = try group(groupNode) }
        if let optionsNode = mapping["options"] {
            definition.options = try strings(optionsNode, "options")
            for option in definition.options where !Self.knownOptions.contains(option) {
                throw error("bad_value", "unknown regex option '\(option)'", at: optionsNode)
            }
        }
        if let contextNode = mapping["context"] { try readContext(contextNode, into: &definition) }
        if let excludeNode = mapping["exclude_context"] { definition.excludeContext = try strings(excludeNode, "exclude_context") }
        for key in ["validator", "validators"] {
            guard let validatorsNode = mapping[key] else { continue }
            for spec in try strings(validatorsNode, key) {
                guard let validator = PatternValidator(spec) else {
                    throw error("unknown_validator", "unknown validator '\(spec)' (known: \(PatternValidator.knownNames.sorted().joined(separator: ", ")))", at: validatorsNode)
                }
                definition.validators.append(validator)
            }
        }
        if let node = mapping["valid_score"] { definition.validScore = try number(node, "valid_score") }
        if let node = mapping["invalid_score"] { definition.invalidScore = try number(node, "invalid_score") }
        if let node = mapping["requires"] { definition.requires = try prefilter(node) }
        if let node = mapping["min_score"] { definition.minScore = try number(node, "min_score") }
        try checkRegex(definition, regexNode: mapping["regex"] ?? node, groupNode: mapping["group"] ?? node)
        definition.description = mapping["description"]?.scalar?.string
        if definition.requires.starts == .firstNameOrContext, !Self.startsAreExact(definition), let node = mapping["requires"] {
            throw error(
                "unsound_prefilter",
                "'requires.starts: first_name_or_context' needs exactly the validator first_name and an invalid_score below min_score (or none), else it would hide findings",
                at: node)
        }
        if definition.requires.starts == .digitRun, definition.requires.digits < 1, let node = mapping["requires"] {
            throw error("bad_value", "'requires.starts: digit_run' needs 'requires.digits' (the fewest digits a match holds)", at: node)
        }
        if definition.requires.pairWithin != nil, definition.requires.literals.isEmpty || definition.requires.lookback == nil,
            let node = mapping["requires"]
        {
            throw error("bad_value", "'requires.pair_within' needs 'requires.literals' and 'requires.lookback'", at: node)
        }
        if definition.requires.starts == .digitLedToken, definition.requires.minRun < 1, let node = mapping["requires"] {
            throw error("bad_value", "'requires.starts: digit_led_token' needs 'requires.min_run' (the shortest match)", at: node)
        }
        if definition.contextRequired, definition.requires.literals.isEmpty, mapping["requires"] == nil {
            // A pattern that needs a context word can only match where one occurs.
            definition.requires.literals = definition.contextWords
            definition.requires.caseless = true
            definition.requires.lookback = 0
            definition.requires.wordBounded = true
        }
        return definition
    }

    /// Compiles the regex (without JIT: the scanner compiles it for matching) so that a regex
    /// PCRE2 refuses, or a `group` it does not have, is reported at its line in the file.
    func checkRegex(_ definition: PatternDefinition, regexNode: Node, groupNode: Node) throws {
        let regex: CompiledRegex
        do {
            regex = try CompiledRegex(definition.regex, options: definition.regexOptions, jit: false)
        } catch {
            throw self.error("bad_regex", "pattern '\(definition.name)': \(error)", at: regexNode)
        }
        if case .failure(let problem) = definition.spanGroups(in: regex) {
            throw self.error("bad_group", problem.message, at: groupNode)
        }
    }

    /// Whether ``MatchStarts/firstNameOrContext`` skips only matches that scoring would drop: no
    /// context word and a first word that is not a listed name leave the invalid score.
    static func startsAreExact(_ definition: PatternDefinition) -> Bool {
        guard definition.validators.map(\.name) == ["first_name"] else { return false }
        guard let invalid = definition.invalidScore else { return true }
        return invalid < definition.minScore
    }

    func group(_ node: Node) throws -> PatternGroup {
        if let index = node.int { return .index(index) }
        if let list = node.sequence {
            let indices = list.compactMap(\.int)
            guard indices.count == list.count, !indices.isEmpty else {
                throw error("bad_value", "'group' must be an index, a name or a list of indices", at: node)
            }
            return .firstOf(indices)
        }
        guard let name = node.scalar?.string, !name.isEmpty else {
            throw error("bad_value", "'group' must be an index, a name or a list of indices", at: node)
        }
        return .name(name)
    }

    func readContext(_ node: Node, into definition: inout PatternDefinition) throws {
        guard let mapping = node.mapping else {
            definition.contextWords = try strings(node, "context")
            return
        }
        if let words = mapping["words"] { definition.contextWords = try strings(words, "context.words") }
        if let window = mapping["window"] {
            guard let value = window.int, value > 0 else { throw error("bad_value", "'context.window' must be a positive integer", at: window) }
            definition.contextWindow = value
        }
        if let required = mapping["required"] {
            guard let value = required.bool else { throw error("bad_value", "'context.required' must be a boolean", at: required) }
            definition.contextRequired = value
        }
        if let boost = mapping["boost"] { definition.contextBoost = try number(boost, "context.boost") }
        if let once = mapping["once"] {
            guard let value = once.bool else { throw error("bad_value", "'context.once' must be a boolean", at: once) }
            definition.contextOnce = value
        }
    }

    func prefilter(_ node: Node) throws -> PatternPrefilter {
        guard let mapping = node.mapping else { throw error("bad_value", "'requires' must be a mapping", at: node) }
        var result = PatternPrefilter()
        for (key, value) in mapping {
            switch key.scalar?.string ?? "" {
            case "literals": result.literals = try strings(value, "requires.literals")
            case "caseless":
                guard let flag = value.bool else { throw error("bad_value", "'requires.caseless' must be a boolean", at: value) }
                result.caseless = flag
            case "word_bounded":
                guard let flag = value.bool else { throw error("bad_value", "'requires.word_bounded' must be a boolean", at: value) }
                result.wordBounded = flag
            case "lookback":
                guard let bytes = value.int, bytes >= 0 else { throw error("bad_value", "'requires.lookback' must be ≥ 0", at: value) }
                result.lookback = bytes
            case "lookback_bytes":
                result.lookbackBytes = value.scalar?.string
                guard result.lookbackByteTable() != nil else {
                    throw error("bad_value", "'requires.lookback_bytes' must be ASCII characters and ranges such as A-Za-z0-9._%+-", at: value)
                }
            case "pair_within":
                guard let bytes = value.int, bytes >= 1 else { throw error("bad_value", "'requires.pair_within' must be ≥ 1", at: value) }
                result.pairWithin = bytes
            case "digits":
                guard let count = value.int else { throw error("bad_value", "'requires.digits' must be an integer", at: value) }
                result.digits = count
            case "starts":
                guard let name = value.scalar?.string, let starts = MatchStarts(rawValue: name) else {
                    throw error("bad_value", "'requires.starts' must be one of: \(MatchStarts.allCases.map(\.rawValue).joined(separator: ", "))", at: value)
                }
                result.starts = starts
            case "min_run":
                guard let count = value.int else { throw error("bad_value", "'requires.min_run' must be an integer", at: value) }
                result.minRun = count
            case "chars":
                guard let chars = value.mapping else { throw error("bad_value", "'requires.chars' maps a character to a count", at: value) }
                for (charNode, countNode) in chars {
                    guard let char = charNode.scalar?.string, char.utf8.count == 1, let byte = char.utf8.first,
                        let count = countNode.int
                    else { throw error("bad_value", "'requires.chars' maps one ASCII character to a count", at: charNode) }
                    result.chars[byte] = count
                }
            default:
                throw error("unknown_field", "unknown field 'requires.\(key.scalar?.string ?? "?")'", at: key)
            }
        }
        return result
    }
}
