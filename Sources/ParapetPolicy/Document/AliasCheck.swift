internal import Yams

/// Checks a YAML text's aliases (`*name`) before the text itself is composed.
///
/// Composing expands aliases, and a few nested ones reach billions of nodes ("billion laughs")
/// or nest thousands of levels deep (whose readers then overflow the stack); the composer also
/// hashes every key to find duplicates, so an alias used as a key costs the whole expansion
/// before anything else can look at it. So the text is first composed as a *shadow* in which
/// every alias is a tagged empty node (`!parapet-alias-name`): that costs no more than the
/// text's size. On the shadow, each anchored node's expanded size and depth are worked out once
/// (anchors are told apart by identity while the parser lives, so tags and line breaks around
/// them do not matter), and keys are checked for aliases. An alias the shadow missed is still
/// counted once, as the anchored node it shares.
package enum AliasCheck {
    /// The tag prefix that marks where an alias was in the shadow.
    static let marker = "!parapet-alias-"
    /// The deepest nesting an expanded file may have (libyaml's own limit for the text).
    static let maxDepth = 1_000

    /// What is wrong with the aliases of a text.
    struct Problem: Error {
        var mark: Mark?
        var message: String
    }

    /// The most nodes a text may expand to: plenty for any text without aliases (each node takes
    /// at least a byte), far below what a few nested aliases reach.
    static func limit(for yaml: String) -> Int {
        max(100_000, yaml.utf8.count)
    }

    /// Why `yaml` must not be composed (its aliases expand far beyond its size or nest too
    /// deep, or one is used in a key), or `nil`. For YAML read elsewhere than policies (the
    /// server's configuration); a shadow that does not parse is left to the real parse.
    package static func refusal(_ yaml: String) -> String? {
        let shadowText = shadow(yaml)
        guard shadowText != yaml || yaml.utf8.contains(UInt8(ascii: "&")) else { return nil }
        do {
            guard let problem = try problem(shadow: shadowText, limit: limit(for: yaml)) else { return nil }
            return problem.mark.map { "\($0.line):\($0.column): \(problem.message)" } ?? problem.message
        } catch {
            return nil
        }
    }

    /// `yaml` with each alias `*name` replaced by `!parapet-alias-name.N ` (a tagged empty node;
    /// `N` counts the aliases).
    ///
    /// A `*` starts an alias where a node may start: at the start of the text, after white space
    /// or a line break of any kind, or after `[`, `{`, `,`, `:`, `?` or `-`. One also replaced
    /// inside a quoted or block scalar only changes that scalar of the shadow.
    static func shadow(_ yaml: String) -> String {
        guard yaml.utf8.contains(UInt8(ascii: "*")) else { return yaml }
        var result = String.UnicodeScalarView()
        let scalars = Array(yaml.unicodeScalars)
        var index = 0
        var occurrence = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "*", index + 1 < scalars.count, isAnchorCharacter(scalars[index + 1]),
                index == 0 || mayPrecedeNode(scalars[index - 1])
            else {
                result.append(scalar)
                index += 1
                continue
            }
            result.append(contentsOf: marker.unicodeScalars)
            index += 1
            while index < scalars.count, isAnchorCharacter(scalars[index]) {
                result.append(scalars[index])
                index += 1
            }
            // Numbered, so that two aliases in one mapping's keys are not duplicates of the shadow.
            occurrence += 1
            result.append(contentsOf: ".\(occurrence) ".unicodeScalars)
        }
        return String(result)
    }

    /// White space, line breaks (libyaml also breaks lines at U+0085, U+2028 and U+2029), a
    /// byte-order mark, and the indicators after which a node may start.
    static func mayPrecedeNode(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{FEFF}" || "[{,:?-".unicodeScalars.contains(scalar)
    }

    /// Where a position of the shadow is in the original text: lines are the same; a column
    /// moves left by what each alias replaced before it on its line gained.
    static func originalPosition(line: Int, column: Int, inShadow shadow: String) -> (line: Int, column: Int) {
        let lines = shadow.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count, column > 1 else { return (line, column) }
        let before = String(String.UnicodeScalarView(lines[line - 1].prefix(column - 1)))
        var gained = 0
        for range in before.ranges(of: marker) {
            // `!parapet-alias-name.N ` stood for `*name`.
            let placeholder = before[range.lowerBound...].unicodeScalars.prefix { $0 != " " }
            let name = placeholder.dropFirst(marker.unicodeScalars.count).prefix { $0 != "." }
            gained += placeholder.count + 1 - (1 + name.count)
        }
        return (line, max(1, column - gained))
    }

    /// The anchor name of a shadowed alias's tag, or nil.
    static func aliasName(_ tag: String) -> String? {
        guard tag.hasPrefix(marker) else { return nil }
        return String(tag.dropFirst(marker.count).prefix { $0 != "." })
    }

    /// The characters of an anchor or alias name, as libyaml reads them.
    static func isAnchorCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
    }

    /// Composes `shadow` and returns its first problem: a key holding an alias, or, once every
    /// alias is expanded, more than `limit` nodes or more than ``maxDepth`` levels.
    /// - Throws: the composer's error when the shadow is not valid YAML.
    static func problem(shadow: String, limit: Int) throws -> Problem? {
        let parser = try Parser(yaml: shadow)
        return try withExtendedLifetime(parser) {
            guard let root = try parser.singleRoot() else { return nil }
            var walk = Walk(limit: limit)
            let (size, depth) = walk.measure(root, depth: 1)
            if let keyProblem = walk.keyProblem { return keyProblem }
            if depth > maxDepth {
                return Problem(mark: nil, message: "the file's aliases (*name) nest it deeper than \(maxDepth) levels")
            }
            guard size > limit else { return nil }
            return Problem(mark: nil, message: "the file's aliases (*name) expand to more than \(limit) nodes")
        }
    }

    /// One pass over a shadow in document order, where every anchor is defined before its aliases.
    private struct Walk {
        let limit: Int
        /// Size and depth of each anchored node seen so far, by anchor object and by name.
        var byAnchor: [ObjectIdentifier: (Int, Int)] = [:]
        var byName: [String: (Int, Int)] = [:]
        /// The first key that holds an alias.
        var keyProblem: Problem?

        init(limit: Int) {
            self.limit = limit
        }

        /// The node's size (capped just past `limit`) and depth with aliases expanded.
        mutating func measure(_ node: Node, depth: Int) -> (size: Int, depth: Int) {
            if let anchor = node.anchor, let known = byAnchor[ObjectIdentifier(anchor)] { return known }  // a real alias
            if case .scalar(let scalar) = node, let name = AliasCheck.aliasName(scalar.tag.rawValue) {
                return byName[name] ?? (1, 1)
            }
            guard depth <= AliasCheck.maxDepth else { return (1, depth) }
            var size = 1
            var deepest = 0
            func add(_ child: (size: Int, depth: Int)) {
                size = min(size + child.size, limit + 1)
                deepest = max(deepest, child.depth)
            }
            switch node {
            case .scalar, .alias:
                break
            case .sequence(let sequence):
                for item in sequence { add(measure(item, depth: depth + 1)) }
            case .mapping(let mapping):
                for (key, value) in mapping {
                    if keyProblem == nil, holdsAlias(key) {
                        keyProblem = Problem(mark: key.mark, message: "an alias (*name) cannot be a key or part of one")
                    }
                    add(measure(key, depth: depth + 1))
                    add(measure(value, depth: depth + 1))
                }
            }
            let measured = (size, deepest + 1)
            if let anchor = node.anchor {
                byAnchor[ObjectIdentifier(anchor)] = measured
                byName[anchor.rawValue] = measured
            }
            return measured
        }

        /// Whether a key holds a shadowed alias or an anchored node already seen (a real alias).
        func holdsAlias(_ node: Node) -> Bool {
            if let anchor = node.anchor, byAnchor[ObjectIdentifier(anchor)] != nil { return true }
            switch node {
            case .scalar(let scalar): return scalar.tag.rawValue.hasPrefix(AliasCheck.marker)
            case .alias: return true
            case .sequence(let sequence): return sequence.contains { holdsAlias($0) }
            case .mapping(let mapping): return mapping.contains { holdsAlias($0.key) || holdsAlias($0.value) }
            }
        }
    }
}
