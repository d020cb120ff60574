import ParapetCore
internal import Yams

/// Reads a composed YAML tree, collecting every problem instead of stopping at the first.
///
/// Each accessor returns `nil` after recording an error, so callers keep going and the file's
/// problems are all reported together.
final class NodeReader {
    /// The file name used in locations.
    let file: String
    /// The problems found so far.
    private(set) var errors: [PolicyError] = []
    private var recorded: Set<PolicyError> = []
    /// How many problems were recorded, repeats included (``errors`` lists a problem once): what a
    /// reader of a part compares before and after to learn whether that part had problems.
    private(set) var problemCount = 0
    /// Whether the file's top level has `version` or `name`, the keys every policy has.
    var foundPolicyKeys = false
    /// Scanner ids declared in the file, even by entries that failed to parse (so that rules
    /// naming them do not also report `unknown_scanner_ref`).
    var declaredScannerIDs: Set<String> {
        Set(declared(.scanner).map(\.id))
    }
    /// What an entry declares or names.
    enum Declaration: String {
        case scanner, rule
        case testCase = "case"
        /// A rule's `scanner:`, checked against the policy's scanners once it is resolved.
        case scannerReference
    }
    /// Ids and names declared so far by kind, in file order, even by entries that failed to
    /// parse, so that a duplicate is reported beside their other problems.
    private var declarations: [Declaration: [(id: String, location: SourceLocation)]] = [:]

    init(file: String) {
        self.file = file
    }

    /// libyaml's lines and columns to the file's, for the text being read (see ``compose(_:)``).
    var lineMap = YAMLLineMap("")
    /// The repeated keys renamed in the text being read (see ``compose(_:)``), whose columns are
    /// mapped back and whose entries readers skip.
    var renames: DuplicateKeys?


    // MARK: Declared ids

    /// Notes that an entry of `kind` declares (or names) `id` at `location`.
    func declare(_ id: String, as kind: Declaration, at location: SourceLocation) {
        declarations[kind, default: []].append((id, location))
    }

    /// The ids of `kind` declared so far, in file order.
    func declared(_ kind: Declaration) -> [(id: String, location: SourceLocation)] {
        declarations[kind] ?? []
    }

    /// Records a `duplicate_id` error for every id of `kind` declared a second time.
    func reportDuplicates(of kind: Declaration) {
        var seen: [String: SourceLocation] = [:]
        for (id, location) in declared(kind) {
            if let first = seen[id] {
                let word = kind == .testCase ? "name" : "id"
                let whereFirst = first == location
                    ? "the entry is used again through an alias (*name)" : "first defined at line \(first.line)"
                record(location, PolicyError.Code.duplicateID,
                       "duplicate \(kind.rawValue) \(word) '\(Self.preview(id))' (\(whereFirst))")
            } else {
                seen[id] = location
            }
        }
    }

    // MARK: Errors and locations

    /// Records a problem once: a node reached through several aliases (`*name`) is read once
    /// per alias, and its problems would otherwise be repeated at its anchor.
    func record(_ location: SourceLocation, _ code: String, _ message: String) {
        let error = location.error(code, message)
        problemCount += 1
        if recorded.insert(error).inserted { errors.append(error) }
    }

    func record(_ node: Node, _ code: String, _ message: String) {
        record(location(node), code, message)
    }

    func location(_ node: Node) -> SourceLocation { location(node.mark) }

    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(file: file, line: 0, column: 0) }
        return location(line: mark.line, column: mark.column)
    }

    /// The location of libyaml's `line`:`column` in the file.
    func location(line: Int, column: Int) -> SourceLocation {
        let position = lineMap.position(line: line, column: column)
        return fileLocation(line: position.line, column: position.column)
    }

    /// The location of the text's `line`:`column` (the file's lines) before any key was renamed.
    func fileLocation(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: renames?.fileColumn(line: line, column: column) ?? column)
    }

    // MARK: Mappings

    /// A mapping's entries by key; records unknown keys, non-string keys and missing required keys.
    func mapping(_ node: Node, what: String, allowed: [String], required: [String] = []) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            record(node, PolicyError.Code.badType, "\(what) must be a mapping, found \(kind(node))")
            return nil
        }
        var entries: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                record(key, PolicyError.Code.badType, "keys in \(what) must be strings")
                continue
            }
            if isRenamedRepeat(key) { continue }  // already reported
            if let first = entries[scalar.string] {  // the same text with another tag (`!x mode`)
                record(key, PolicyError.Code.duplicateKey,
                       "duplicate key '\(Self.preview(scalar.string))' (first at line \(location(first).line), with another tag)")
                continue
            }
            guard allowed.contains(scalar.string) else {
                let hint = Self.closest(to: scalar.string, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
                record(key, PolicyError.Code.unknownKey,
                       "unknown key '\(Self.preview(scalar.string))' in \(what)\(hint) (allowed: \(allowed.joined(separator: ", ")))")
                continue
            }
            entries[scalar.string] = value
        }
        for key in required where entries[key] == nil {
            record(node, PolicyError.Code.missingKey, "\(what) is missing required key '\(key)'")
        }
        return entries
    }

    /// A sequence's items; records a `bad_type` error otherwise.
    func sequence(_ node: Node, what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            record(node, PolicyError.Code.badType, "\(what) must be a list, found \(kind(node))")
            return nil
        }
        return Array(sequence)
    }

    // MARK: Scalars

    func string(_ node: Node, what: String) -> String? {
        guard case .scalar(let scalar) = node, Self.tag(node) == .str else {
            record(node, PolicyError.Code.badType, "\(what) must be a string, found \(kind(node))")
            return nil
        }
        return scalar.string
    }

    func number(_ node: Node, what: String) -> Double? {
        guard case .scalar = node, Self.tag(node) == .int || Self.tag(node) == .float,
            let value = node.float ?? node.int.map(Double.init)
        else {
            record(node, PolicyError.Code.badType, "\(what) must be a number, found \(kind(node))")
            return nil
        }
        return value
    }

    /// A number in 0…1.
    func unitNumber(_ node: Node, what: String) -> Double? {
        guard let value = number(node, what: what) else { return nil }
        guard (0...1).contains(value) else {
            record(node, PolicyError.Code.badValue, "\(what) must be between 0 and 1, found \(value)")
            return nil
        }
        return value
    }

    func int(_ node: Node, what: String, min: Int = 0, max: Int = .max) -> Int? {
        guard case .scalar = node, Self.tag(node) == .int, let value = node.int else {
            record(node, PolicyError.Code.badType, "\(what) must be an integer, found \(kind(node))")
            return nil
        }
        guard value >= min, value <= max else {
            let range = max == .max ? "at least \(min)" : "between \(min) and \(max)"
            record(node, PolicyError.Code.badValue, "\(what) must be \(range), found \(value)")
            return nil
        }
        return value
    }

    func bool(_ node: Node, what: String) -> Bool? {
        guard case .scalar = node, Self.tag(node) == .bool, let value = node.bool else {
            record(node, PolicyError.Code.badType, "\(what) must be true or false, found \(kind(node))")
            return nil
        }
        return value
    }

    /// One of a fixed set of words.
    func choice<T: RawRepresentable & CaseIterable>(_ node: Node, what: String, as type: T.Type) -> T?
    where T.RawValue == String {
        guard let raw = string(node, what: what) else { return nil }
        guard let value = T(rawValue: raw) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: " | ")
            record(node, PolicyError.Code.badValue, "\(what) must be one of \(allowed), found '\(Self.preview(raw))'")
            return nil
        }
        return value
    }

    /// A string or a list of strings, each with its node (for locating later errors).
    func stringList(_ node: Node, what: String) -> [(String, Node)]? {
        if case .scalar = node { return string(node, what: what).map { [($0, node)] } }
        guard let items = sequence(node, what: what) else { return nil }
        var result: [(String, Node)] = []
        for item in items {
            if let value = string(item, what: "each entry of \(what)") { result.append((value, item)) }
        }
        return result
    }

    /// A free-form scanner parameter.
    func parameter(_ node: Node, what: String) -> ParameterValue? {
        switch node {
        case .scalar(let scalar):
            switch Self.tag(node) {
            case .bool: return node.bool.map { .bool($0) }
            case .int, .float: return (node.float ?? node.int.map(Double.init)).map { .number($0) }
            case .null:
                record(node, PolicyError.Code.badType, "\(what) must not be null")
                return nil
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            let items = sequence.compactMap { parameter($0, what: what) }
            return items.count == sequence.count ? .list(items) : nil
        case .mapping(let mapping):
            var result: [String: ParameterValue] = [:]
            var ok = true
            for (key, value) in mapping where !isRenamedRepeat(key) {
                guard case .scalar(let k) = key else {
                    record(key, PolicyError.Code.badType, "keys in \(what) must be strings")
                    ok = false
                    continue
                }
                if result[k.string] != nil {
                    record(key, PolicyError.Code.duplicateKey, "duplicate key '\(Self.preview(k.string))' in \(what) (with another tag)")
                    ok = false
                    continue
                }
                if let v = parameter(value, what: "\(what).\(k.string)") { result[k.string] = v } else { ok = false }
            }
            return ok ? .map(result) : nil
        case .alias:
            record(node, PolicyError.Code.badType, "\(what) must not be an alias")
            return nil
        }
    }

    func kind(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar(let scalar):
            switch Self.tag(node) {
            case .str: "a string '\(Self.preview(scalar.string))'"
            case .int, .float: "a number \(scalar.string)"
            case .bool: "a boolean \(scalar.string)"
            case .null: "null"
            default: "'\(Self.preview(scalar.string))'"
            }
        }
    }

    /// A value as quoted in a message: one line, at most 40 characters (a file read by mistake,
    /// `extends: /etc/passwd`, is not echoed).
    static func preview(_ text: String) -> String {
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n")
        return line.count <= 40 ? line : String(line.prefix(40)) + "…"
    }

    /// A node's resolved tag name (`str`, `int`, `float`, `bool`, `null`, …).
    static func tag(_ node: Node) -> Tag.Name { Tag.Name(rawValue: node.tag.rawValue) }

    /// The allowed word closest to a typo, if it is close enough to be a likely fix.
    static func closest(to word: String, in candidates: [String]) -> String? {
        // The difference in length is the least distance: a word far longer than every candidate
        // (a 1,000-character key) is not compared character by character.
        let length = word.count
        let scored = candidates.filter { abs(length - $0.count) <= max(1, $0.count / 3) }
            .map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(1, best.count / 3) else { return nil }
        return best
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
