internal import Yams

/// Checks a YAML text's aliases (`*name`) before the text itself is composed.
///
/// Composing expands aliases, and a few nested ones reach billions of nodes ("billion laughs")
/// or nest thousands of levels deep (whose readers then overflow the stack); the composer also
/// hashes every key to find duplicates, so an alias used as a key costs the whole expansion
/// before anything else can look at it. So the text is first composed as a *shadow* in which
/// every alias is an empty node with a verbatim tag (`!<parapet-alias:name.N>`): that costs no
/// more than the text's size. On the shadow, each anchored node's expanded size and depth are
/// worked out once (anchors are told apart by identity while the parser lives, so tags and line
/// breaks around them do not matter), and keys are checked for aliases. An alias the shadow
/// missed is still counted once, as the anchored node it shares.
package enum AliasCheck {
    /// What stands where an alias was in the shadow's text, and the tag it gives the node.
    static let textMarker = "!<parapet-alias:"
    static let tagPrefix = "parapet-alias:"
    /// The deepest nesting an expanded file may have (libyaml's own limit for the text).
    static let maxDepth = 1_000

    /// What is wrong with the aliases of a text.
    struct Problem: Error {
        var mark: Mark?
        var message: String
    }

    /// The most a text may expand to, counting a node as one plus the bytes of its string: ten
    /// times the text (at least 100,000), plenty for any text without aliases and for anchors
    /// reused a few times, far below what nested aliases or a long string aliased thousands of
    /// times reach.
    static func limit(for yaml: String) -> Int {
        max(100_000, 10 * yaml.utf8.count)
    }

    /// Why `yaml` must not be composed (its aliases expand far beyond its size or nest too
    /// deep, or one is used in a key, or the shadow does not parse), or `nil`. For YAML read
    /// elsewhere than policies (through ``YAMLPrecheck``).
    static func refusal(_ yaml: String) -> String? {
        let shadowText = shadow(yaml)
        guard shadowText != yaml else { return nil }
        do {
            guard let problem = try problem(shadow: shadowText, limit: limit(for: yaml)) else { return nil }
            guard let mark = problem.mark else { return problem.message }
            let at = textPosition(line: mark.line, column: mark.column, inShadow: shadowText)
            return "\(at.line):\(at.column): \(problem.message)"
        } catch {
            // The shadow fails only where the text does, or where an alias makes a key too long
            // (refused anyway): not a text to expand.
            return "\(error)"
        }
    }

    /// `yaml` with each alias `*name` replaced by `!<parapet-alias:name.N> ` (an empty node with a
    /// verbatim tag, which `%TAG` directives do not rewrite; `N` counts the aliases, so that two
    /// alias keys of one mapping are not duplicates of the shadow). Built on bytes: linear.
    ///
    /// A `*` starts an alias where a node may start: at the start of the text, after a space, a
    /// tab or a line break of any kind libyaml knows (CR, LF, U+0085, U+2028, U+2029), a
    /// byte-order mark, or `[`, `{`, `,`, `:`, `?` or `-`. One also replaced inside a quoted or
    /// block scalar only changes that scalar of the shadow.
    static func shadow(_ yaml: String) -> String {
        let bytes = Array(yaml.utf8)
        guard bytes.contains(UInt8(ascii: "*")) else { return yaml }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 4)
        var index = 0
        var occurrence = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "*"), index + 1 < bytes.count, isAnchorByte(bytes[index + 1]),
                index == 0 || mayPrecedeNode(bytes, before: index)
            else {
                result.append(byte)
                index += 1
                continue
            }
            result.append(contentsOf: textMarker.utf8)
            index += 1
            while index < bytes.count, isAnchorByte(bytes[index]) {
                result.append(bytes[index])
                index += 1
            }
            occurrence += 1
            result.append(contentsOf: ".\(occurrence)> ".utf8)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether the bytes before `index` end in a space, tab, line break, byte-order mark or one
    /// of the indicators after which a node may start.
    static func mayPrecedeNode(_ bytes: [UInt8], before index: Int) -> Bool {
        let last = bytes[index - 1]
        if " \t\r\n[{,:?-".utf8.contains(last) { return true }
        if index >= 2, bytes[index - 2] == 0xC2, last == 0x85 { return true }  // U+0085
        guard index >= 3 else { return false }
        if bytes[index - 3] == 0xE2, bytes[index - 2] == 0x80, last == 0xA8 || last == 0xA9 { return true }  // U+2028, U+2029
        return bytes[index - 3] == 0xEF && bytes[index - 2] == 0xBB && last == 0xBF  // U+FEFF
    }

    /// Where libyaml's `line`:`column` of the shadow is in the original text, as an editor
    /// counts (see ``YAMLLineMap`` and ``originalPosition(line:column:inShadow:)``).
    static func textPosition(line: Int, column: Int, inShadow shadow: String) -> (line: Int, column: Int) {
        let inShadow = YAMLLineMap(shadow).position(line: line, column: column)
        return originalPosition(line: inShadow.line, column: inShadow.column, inShadow: shadow)
    }

    /// Where a position of the shadow (the file's lines) is in the original text: lines are the
    /// same; a column moves left by what each alias replaced before it on its line gained.
    static func originalPosition(line: Int, column: Int, inShadow shadow: String) -> (line: Int, column: Int) {
        let lines = shadow.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count, column > 1 else { return (line, column) }
        let before = String(String.UnicodeScalarView(lines[line - 1].prefix(column - 1)))
        var gained = 0
        for range in before.ranges(of: textMarker) {
            // `!<parapet-alias:name.N> ` stood for `*name`.
            let placeholder = before[range.lowerBound...].unicodeScalars.prefix { $0 != ">" }
            let name = placeholder.dropFirst(textMarker.unicodeScalars.count).prefix { $0 != "." }
            gained += placeholder.count + 2 - (1 + name.count)
        }
        return (line, max(1, column - gained))
    }

    /// The anchor name of a shadowed alias's tag, or nil.
    static func aliasName(_ tag: String) -> String? {
        guard tag.hasPrefix(tagPrefix) else { return nil }
        return String(tag.dropFirst(tagPrefix.count).prefix { $0 != "." })
    }

    /// An ASCII letter or digit, `_` or `-`: the characters of an anchor or alias name.
    static func isAnchorByte(_ byte: UInt8) -> Bool {
        isAnchorCharacter(Unicode.Scalar(byte))
    }

    /// The characters of an anchor or alias name, as libyaml reads them.
    static func isAnchorCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
    }

    /// Composes `shadow` and returns its first problem: a key holding an alias, or, once every
    /// alias is expanded, a size past `limit` (see ``limit(for:)``) or more than ``maxDepth``
    /// levels.
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
            return Problem(mark: nil, message: "the file's aliases (*name) expand it past \(limit) (nodes plus string bytes; at most ten times its size)")
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
            case .scalar(let scalar):  // a long string repeated costs what it holds
                size = min(1 + scalar.string.utf8.count, limit + 1)
            case .alias:
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
            case .scalar(let scalar): return AliasCheck.aliasName(scalar.tag.rawValue) != nil
            case .alias: return true
            case .sequence(let sequence): return sequence.contains { holdsAlias($0) }
            case .mapping(let mapping): return mapping.contains { holdsAlias($0.key) || holdsAlias($0.value) }
            }
        }
    }
}
