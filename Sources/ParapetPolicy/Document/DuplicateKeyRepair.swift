/// Finds the repeat of a duplicated key and renames it, so that the YAML composer (which stops
/// at the first duplicate) can go on and the file's other problems are reported too.
///
/// The composer names the first occurrence of the key. In a block mapping the repeat is the
/// next line, in the same mapping, whose key starts at the same column with only spaces before
/// it; the search stops where the mapping ends (a line indented less). In a flow mapping
/// (`{a: 1, a: 2}`, also across lines) it is the next entry of the same braces, past quoted text
/// and comments. Lines end at `\n` (a `\r` before it is kept). Keys written as `? key` or with escapes are not repaired: their duplicate is
/// reported alone.
struct DuplicateKeyRepair {
    /// The text with the repeat renamed.
    var yaml: String
    /// Where the repeat is (1-based line and column).
    var line: Int
    var column: Int
    /// The key it was renamed to.
    var placeholder: String

    /// Renames the repeat of `key`, whose first occurrence is at `line`:`column` (1-based), to
    /// `placeholder`; `nil` when no repeat is found.
    init?(key: String, line firstLine: Int, column: Int, in yaml: String, placeholder: String) {
        let scalars = Array(yaml.unicodeScalars)
        var lineStarts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" { lineStarts.append(offset + 1) }
        guard firstLine >= 1, firstLine <= lineStarts.count, column >= 1 else { return nil }
        let first = lineStarts[firstLine - 1] + column - 1
        guard first < scalars.count else { return nil }
        // In a flow mapping the key follows `{` or `,`, perhaps on an earlier line.
        let before = scalars[..<first].last { !$0.properties.isWhitespace }
        let inFlow = before == "{" || before == ","
        guard let (repeatOffset, length) = inFlow
            ? Self.flowRepeat(of: key, after: first, in: scalars)
            : Self.blockRepeat(of: key, line: firstLine, column: column, lineStarts: lineStarts, in: scalars)
        else { return nil }
        var renamed = String.UnicodeScalarView(scalars[..<repeatOffset])
        renamed.append(contentsOf: placeholder.unicodeScalars)
        renamed.append(contentsOf: scalars[(repeatOffset + length)...])
        self.yaml = String(renamed)
        self.line = lineStarts.lastIndex { $0 <= repeatOffset }.map { $0 + 1 } ?? 1
        self.column = repeatOffset - lineStarts[self.line - 1] + 1
        self.placeholder = placeholder
    }

    /// The repeat in a block mapping: offset and length of its key.
    static func blockRepeat(
        of key: String, line firstLine: Int, column: Int, lineStarts: [Int], in scalars: [Unicode.Scalar]
    ) -> (Int, Int)? {
        for index in firstLine..<lineStarts.count {
            let end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : scalars.count
            let line = scalars[lineStarts[index]..<end]
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if rest.allSatisfy({ $0 == "\r" || $0 == " " || $0 == "\t" }) || rest.first == "#" { continue }
            if indent < column - 1 { return nil }
            guard indent == column - 1, let length = keyLength(key, at: rest) else { continue }
            return (lineStarts[index] + indent, length)
        }
        return nil
    }

    /// The repeat in a flow mapping: the next entry at the same depth, skipping quoted text and
    /// comments.
    static func flowRepeat(of key: String, after first: Int, in scalars: [Unicode.Scalar]) -> (Int, Int)? {
        var depth = 0
        var entryStarts = false  // after a `,` of this mapping, until the next token
        var index = first + (keyLength(key, at: scalars[first...]) ?? 1)
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace {
                index += 1
                continue
            }
            if scalar == "#", scalars[index - 1].properties.isWhitespace {  // a comment, to the line's end
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                continue
            }
            if entryStarts, let length = keyLength(key, at: scalars[index...]) { return (index, length) }
            entryStarts = false
            switch scalar {
            case "\"", "'":
                index = endOfQuote(scalar, from: index, in: scalars)
            case "{", "[":
                depth += 1
            case "}", "]":
                depth -= 1
                if depth < 0 { return nil }
            case ",":
                entryStarts = depth == 0
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The offset of the quote closing the one at `start` (`''` and `\"` do not close).
    static func endOfQuote(_ quote: Unicode.Scalar, from start: Int, in scalars: [Unicode.Scalar]) -> Int {
        var index = start + 1
        while index < scalars.count {
            if quote == "\"", scalars[index] == "\\" {
                index += 2
                continue
            }
            if scalars[index] == quote {
                if quote == "'", index + 1 < scalars.count, scalars[index + 1] == "'" {
                    index += 2
                    continue
                }
                return index
            }
            index += 1
        }
        return index
    }

    /// The length in scalars of `key` (plain or quoted) at the start of `text` when a `:` follows.
    static func keyLength(_ key: String, at text: ArraySlice<Unicode.Scalar>) -> Int? {
        for token in [key, "\"\(key)\"", "'\(key)'"] {
            let tokenScalars = Array(token.unicodeScalars)
            guard text.starts(with: tokenScalars) else { continue }
            let after = text.dropFirst(tokenScalars.count).drop { $0 == " " }
            if after.first == ":" { return tokenScalars.count }
        }
        return nil
    }
}
