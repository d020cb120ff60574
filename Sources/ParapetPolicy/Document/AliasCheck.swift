internal import Yams

/// Checks a YAML text's aliases (`*name`) before the text itself is composed.
///
/// Composing expands aliases, and a few nested ones reach billions of nodes ("billion laughs");
/// the composer also hashes every key to find duplicates, so an alias used as a key costs the
/// whole expansion before anything else can look at it. So the text is first composed as a
/// *shadow* in which every alias is a tagged empty node (`!parapet-alias-name`): that costs no
/// more than the text's size, and on the shadow the expanded size is counted with each
/// anchor's size worked out once, and keys are checked for aliases.
package enum AliasCheck {
    /// The tag prefix that marks where an alias was in the shadow.
    static let marker = "!parapet-alias-"

    /// What is wrong with the aliases of a composed shadow.
    struct Problem: Error {
        var mark: Mark?
        var message: String
    }

    /// Why `yaml` must not be composed (its aliases expand far beyond its size, or one is used
    /// in a key), or `nil`. For YAML read elsewhere than policies (the server's configuration).
    package static func refusal(_ yaml: String) -> String? {
        let shadowed = shadow(yaml)
        guard shadowed.text != yaml else { return nil }
        do {
            guard let root = try Yams.compose(yaml: shadowed.text) else { return nil }
            guard let problem = problem(in: root, anchors: shadowed.anchors, limit: limit(for: yaml)) else { return nil }
            return problem.mark.map { "\($0.line):\($0.column): \(problem.message)" } ?? problem.message
        } catch {
            return "\(error)"
        }
    }

    /// The most nodes a text may expand to: plenty for any text without aliases (each node takes
    /// at least a byte), far below what a few nested aliases reach.
    static func limit(for yaml: String) -> Int {
        max(100_000, yaml.utf8.count)
    }

    /// A text with its aliases replaced, and where its anchors are.
    struct Shadow {
        /// The text with each alias `*name` replaced by `!parapet-alias-name ` (a tagged empty node).
        var text: String
        /// The anchor names by the line and column (1-based, as composed nodes' marks) of their `&`.
        var anchors: [Position: String]
    }

    /// A line and column, 1-based.
    struct Position: Hashable {
        var line: Int
        var column: Int
    }

    /// The shadow of `yaml`.
    ///
    /// A `*` or `&` starts an alias or an anchor where a node may start: at the start of the
    /// text, after white space, or after `[`, `{`, `,` or `:`. One also replaced inside a quoted
    /// or block scalar only changes that scalar of the shadow.
    static func shadow(_ yaml: String) -> Shadow {
        guard yaml.utf8.contains(UInt8(ascii: "*")) else { return Shadow(text: yaml, anchors: [:]) }
        var result = String.UnicodeScalarView()
        var anchors: [Position: String] = [:]
        let scalars = Array(yaml.unicodeScalars)
        var index = 0
        var line = 1
        var column = 1
        while index < scalars.count {
            let scalar = scalars[index]
            let startsNode = index == 0 || " \t\r\n[{,:".unicodeScalars.contains(scalars[index - 1])
            let named = startsNode && (scalar == "*" || scalar == "&") && index + 1 < scalars.count
                && isAnchorCharacter(scalars[index + 1])
            guard named else {
                result.append(scalar)
                index += 1
                if scalar == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
                continue
            }
            var name = ""
            var end = index + 1
            while end < scalars.count, isAnchorCharacter(scalars[end]) {
                name.unicodeScalars.append(scalars[end])
                end += 1
            }
            let replacement = scalar == "*" ? marker + name + " " : "&" + name
            if scalar == "&" { anchors[Position(line: line, column: column)] = name }
            result.append(contentsOf: replacement.unicodeScalars)
            column += replacement.unicodeScalars.count
            index = end
        }
        return Shadow(text: String(result), anchors: anchors)
    }

    /// The characters of an anchor or alias name, as libyaml reads them.
    static func isAnchorCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
    }

    /// The first problem of a composed shadow: a key holding an alias, or more than `limit`
    /// nodes once every alias is expanded.
    static func problem(in shadow: Node, anchors: [Position: String], limit: Int) -> Problem? {
        var walk = Walk(anchors: anchors, limit: limit)
        let total = walk.expandedSize(shadow)
        if let keyProblem = walk.keyProblem { return keyProblem }
        guard total > limit else { return nil }
        return Problem(mark: nil, message: "the file's aliases (*name) expand to more than \(limit) nodes")
    }

    /// One pass over a shadow in document order, where every anchor is defined before its aliases.
    private struct Walk {
        let anchors: [Position: String]
        let limit: Int
        /// The expanded size of each anchored node seen so far.
        var anchorSizes: [String: Int] = [:]
        /// The first key that holds an alias.
        var keyProblem: Problem?

        init(anchors: [Position: String], limit: Int) {
            self.anchors = anchors
            self.limit = limit
        }

        /// The node's size with aliases expanded, capped just past `limit`.
        mutating func expandedSize(_ node: Node) -> Int {
            var size = 1
            switch node {
            case .scalar(let scalar):
                let tag = scalar.tag.rawValue
                if tag.hasPrefix(marker) { size = anchorSizes[String(tag.dropFirst(marker.count))] ?? 1 }
            case .alias:
                break
            case .sequence(let sequence):
                for item in sequence { size = min(size + expandedSize(item), limit + 1) }
            case .mapping(let mapping):
                for (key, value) in mapping {
                    if keyProblem == nil, AliasCheck.holdsAlias(key) {
                        keyProblem = Problem(mark: key.mark, message: "an alias (*name) cannot be a key or part of one")
                    }
                    size = min(size + expandedSize(key), limit + 1)
                    size = min(size + expandedSize(value), limit + 1)
                }
            }
            // A node's mark is where its properties start, so an anchored node starts at its `&`.
            if let mark = node.mark, let name = anchors[Position(line: mark.line, column: mark.column)] {
                anchorSizes[name] = size
            }
            return size
        }
    }

    static func holdsAlias(_ node: Node) -> Bool {
        switch node {
        case .scalar(let scalar): scalar.tag.rawValue.hasPrefix(marker)
        case .alias: true
        case .sequence(let sequence): sequence.contains(where: holdsAlias)
        case .mapping(let mapping): mapping.contains { holdsAlias($0.key) || holdsAlias($0.value) }
        }
    }
}
