import ParapetCore
internal import Yams

extension PolicyDocument {
    static let topKeys = ["version", "name", "description", "extends", "mode", "normalize", "overlap",
                          "on_scanner_error", "scanners", "rules"]
    static let scannerKeys = ["id", "type", "description", "directions", "params"]
    static let ruleKeys = ["id", "description", "when", "then"]
    static let whenKeys = ["category", "min_score", "direction", "min_count", "scanner", "score", "threshold"]
    static let thenKeys = ["action", "message", "operator", "options"]

    /// Reads a policy document from YAML text, recording every problem in `reader`.
    static func parse(yaml: String, reader: NodeReader) -> PolicyDocument? {
        guard let root = reader.compose(yaml) else { return nil }
        return parse(root, reader: reader)
    }

    static func parse(_ root: Node, reader r: NodeReader) -> PolicyDocument? {
        guard let top = r.mapping(root, what: "the policy", allowed: topKeys, required: ["version", "name"]) else {
            return nil
        }
        r.foundPolicyKeys = top["version"] != nil || top["name"] != nil
        var document = PolicyDocument(name: "", location: r.location(root))
        if let node = top["version"], let version = r.int(node, what: "version", min: 0) {
            if version != 1 { r.record(node, PolicyError.Code.badValue, "unsupported version \(version); only version 1 exists") }
            document.version = version
        }
        if let node = top["name"], let name = r.string(node, what: "name") {
            if name.isEmpty { r.record(node, PolicyError.Code.badValue, "name must not be empty") }
            document.name = name
        }
        document.description = top["description"].flatMap { r.string($0, what: "description") }
        if let node = top["extends"], let parent = r.string(node, what: "extends") {
            document.extends = parent
            document.extendsLocation = r.location(node)
        }
        document.mode = top["mode"].flatMap { r.choice($0, what: "mode", as: PolicyMode.self) }
        document.normalize = top["normalize"].flatMap { r.bool($0, what: "normalize") }
        document.overlap = top["overlap"].flatMap { r.choice($0, what: "overlap", as: OverlapStrategy.self) }
        document.onScannerError = top["on_scanner_error"].flatMap {
            r.choice($0, what: "on_scanner_error", as: ScannerFailureAction.self)
        }
        if let node = top["scanners"], let items = r.sequence(node, what: "scanners") {
            document.scanners = items.compactMap { parseScanner($0, reader: r) }
            r.reportDuplicates(of: .scanner)
        }
        if let node = top["rules"], let items = r.sequence(node, what: "rules") {
            document.rules = items.compactMap { parseRule($0, reader: r) }
            r.reportDuplicates(of: .rule)
        }
        return document
    }

    // MARK: Scanners

    static func parseScanner(_ node: Node, reader r: NodeReader) -> ScannerSpec? {
        guard let map = r.mapping(node, what: "a scanner", allowed: scannerKeys, required: ["id", "type"]) else {
            return nil
        }
        let id = map["id"].flatMap { identifier($0, what: "scanner id", reader: r) }
        if let id { r.declare(id, as: .scanner, at: r.location(node)) }
        let type = map["type"].flatMap { r.string($0, what: "scanner type") }
        _ = map["description"].flatMap { r.string($0, what: "description") }
        var directions = Set(Direction.allCases)
        if let dirNode = map["directions"], let list = r.stringList(dirNode, what: "directions") {
            directions = []
            for (word, item) in list {
                if let direction = Direction(rawValue: word) {
                    directions.insert(direction)
                } else {
                    r.record(item, PolicyError.Code.badValue, "directions entries must be input or output, found '\(NodeReader.preview(word))'")
                }
            }
            if list.isEmpty { r.record(dirNode, PolicyError.Code.badValue, "directions must not be empty") }
        }
        var parameters: [String: ParameterValue] = [:]
        if let paramsNode = map["params"] {
            if case .map(let values)? = r.parameter(paramsNode, what: "params") {
                parameters = values
            } else if case .mapping = paramsNode {
            } else {
                r.record(paramsNode, PolicyError.Code.badType, "params must be a mapping, found \(r.kind(paramsNode))")
            }
        }
        // An entry whose id is wrong is still built, under a stand-in id, so that the problems
        // of its parameters (a bad regex) are reported too; the policy is refused either way.
        guard let type else { return nil }
        return ScannerSpec(
            id: id ?? "scanner@\(r.location(node).line)", type: type, directions: directions, parameters: parameters,
            location: r.location(node), typeLocation: map["type"].map(r.location),
            parametersLocation: map["params"].map(r.location), parameterLocations: parameterLocations(map["params"], reader: r)
        )
    }

    /// The location of each parameter key and of each item of a list parameter (`rules[1]`).
    static func parameterLocations(_ params: Node?, reader r: NodeReader) -> [String: SourceLocation] {
        guard case .mapping(let mapping)? = params else { return [:] }
        var locations: [String: SourceLocation] = [:]
        for (key, value) in mapping where !r.isRenamedRepeat(key) {
            guard case .scalar(let name) = key else { continue }
            locations[name.string] = r.location(key)
            if case .sequence(let items) = value {
                for (index, item) in items.enumerated() { locations["\(name.string)[\(index)]"] = r.location(item) }
            }
        }
        return locations
    }

    /// An id: a non-empty string of letters, digits, `_`, `-` and `.`.
    static func identifier(_ node: Node, what: String, reader r: NodeReader) -> String? {
        guard let value = r.string(node, what: what) else { return nil }
        let allowed = value.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)
        }
        guard !value.isEmpty, allowed else {
            r.record(node, PolicyError.Code.badValue, "\(what) '\(NodeReader.preview(value))' must be letters, digits, '_', '-' or '.'")
            return nil
        }
        return value
    }

    // MARK: Rules

    static func parseRule(_ node: Node, reader r: NodeReader) -> PolicyRule? {
        guard let map = r.mapping(node, what: "a rule", allowed: ruleKeys, required: ["id", "when", "then"]) else {
            return nil
        }
        let id = map["id"].flatMap { identifier($0, what: "rule id", reader: r) }
        if let id { r.declare(id, as: .rule, at: r.location(node)) }
        let description = map["description"].flatMap { r.string($0, what: "description") }
        let condition = map["when"].flatMap { parseCondition($0, reader: r) }
        let then = map["then"].flatMap { parseThen($0, reader: r) }
        if case .score? = condition, let then, then.action == .rewrite, let thenNode = map["then"] {
            r.record(thenNode, PolicyError.Code.badValue, "a score rule cannot rewrite: it has no spans to rewrite")
        }
        guard let id, let condition, let then else { return nil }
        return PolicyRule(
            id: id, description: description, condition: condition, action: then.action,
            message: then.message, operator: then.operator, location: r.location(node)
        )
    }

    static func parseCondition(_ node: Node, reader r: NodeReader) -> RuleCondition? {
        guard let map = r.mapping(node, what: "when", allowed: whenKeys) else { return nil }
        var direction: Direction?
        var directionOK = true
        if let dirNode = map["direction"], let word = r.string(dirNode, what: "direction") {
            if word != "any" {
                direction = Direction(rawValue: word)
                if direction == nil {
                    directionOK = false
                    r.record(dirNode, PolicyError.Code.badValue, "direction must be input, output or any, found '\(NodeReader.preview(word))'")
                }
            }
        }
        if let scoreNode = map["score"] {
            if map["category"] != nil {
                r.record(node, PolicyError.Code.badValue, "when has both 'category' and 'score'; a rule tests one or the other")
            }
            for key in ["min_score", "min_count", "scanner"] where map[key] != nil {
                if let keyNode = map[key] {
                    r.record(keyNode, PolicyError.Code.badValue, "'\(key)' applies to category rules, not score rules (use 'threshold')")
                }
            }
            let key = r.string(scoreNode, what: "score")
            var threshold: Double?
            var usesDefault = false
            if let t = map["threshold"] {
                if case .scalar = t, t.string == "default" {
                    usesDefault = true
                    threshold = 0.5  // replaced by the scanner's default when the policy is compiled
                } else {
                    threshold = r.unitNumber(t, what: "threshold")
                }
            } else {
                r.record(node, PolicyError.Code.missingKey, "a score rule needs 'threshold' (a number in 0…1, or default)")
            }
            guard let key, let threshold, directionOK else { return nil }
            return .score(ScoreCondition(key: key, threshold: threshold, direction: direction, usesDefaultThreshold: usesDefault))
        }
        if let t = map["threshold"] {
            r.record(t, PolicyError.Code.badValue, "'threshold' applies to score rules; category rules use 'min_score'")
        }
        guard let categoryNode = map["category"] else {
            r.record(node, PolicyError.Code.missingKey, "when needs 'category' (finding rule) or 'score' (classifier rule)")
            return nil
        }
        var categories: [String] = []
        var ok = directionOK
        if let list = r.stringList(categoryNode, what: "category") {
            for (pattern, item) in list {
                if isValidCategoryPattern(pattern) {
                    categories.append(pattern)
                } else {
                    ok = false
                    r.record(item, PolicyError.Code.badCategoryPattern,
                             "'\(NodeReader.preview(pattern))' is not a category pattern (use a dotted name like pii.email, a prefix like pii.*, or *)")
                }
            }
            if list.isEmpty {
                ok = false
                r.record(categoryNode, PolicyError.Code.badValue, "category must not be an empty list")
            }
        } else {
            ok = false
        }
        var condition = FindingCondition(categories: categories, direction: direction)
        if let n = map["min_score"] { if let v = r.unitNumber(n, what: "min_score") { condition.minScore = v } else { ok = false } }
        if let n = map["min_count"] { if let v = r.int(n, what: "min_count", min: 1) { condition.minCount = v } else { ok = false } }
        if let n = map["scanner"] {
            if let v = r.string(n, what: "scanner") {
                condition.scanner = v
                condition.scannerLocation = r.location(n)
                r.declare(v, as: .scannerReference, at: r.location(n))  // checked even if the rule has other problems
            } else {
                ok = false
            }
        }
        return ok ? .findings(condition) : nil
    }

    /// `*`, `a.b.c` or `a.b.*`, with lower-case letters, digits and `_` in each component.
    static func isValidCategoryPattern(_ pattern: String) -> Bool {
        if pattern == "*" { return true }
        var components = pattern.split(separator: ".", omittingEmptySubsequences: false)
        if components.count > 1, components.last == "*" { components.removeLast() }
        return components.allSatisfy { component in
            !component.isEmpty && component.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
            }
        }
    }
}
