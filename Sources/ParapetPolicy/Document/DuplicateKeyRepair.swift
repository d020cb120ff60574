/// Finds the repeat of a duplicated key in a block mapping and renames it, so that the YAML
/// composer (which stops at the first duplicate) can go on and the file's other problems are
/// reported too.
///
/// The composer names the first occurrence of the key. The repeat is the next line, in the same
/// mapping, whose key starts at the same column with only spaces before it; the search stops
/// where the mapping ends (a line indented less). Flow mappings (`{a: 1, a: 2}`) are not
/// repaired: their duplicate is reported alone.
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
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard firstLine >= 1, firstLine <= lines.count, column >= 1 else { return nil }
        for index in firstLine..<lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            let indent = scalars.prefix { $0 == " " }.count
            let rest = String(String.UnicodeScalarView(scalars[indent...]))
            if rest.isEmpty || rest.hasPrefix("#") { continue }
            if indent < column - 1 { return nil }
            guard indent == column - 1, let length = Self.keyLength(key, at: rest) else { continue }
            let renamed = String(String.UnicodeScalarView(scalars[..<indent])) + placeholder
                + String(rest.unicodeScalars.dropFirst(length))
            lines[index] = renamed
            self.yaml = lines.joined(separator: "\n")
            self.line = index + 1
            self.column = column
            self.placeholder = placeholder
            return
        }
        return nil
    }

    /// The length in scalars of `key` (plain or quoted) at the start of `text` when a `:` follows.
    static func keyLength(_ key: String, at text: String) -> Int? {
        for token in [key, "\"\(key)\"", "'\(key)'"] where text.hasPrefix(token) {
            let after = text.unicodeScalars.dropFirst(token.unicodeScalars.count).drop { $0 == " " }
            if after.first == ":" { return token.unicodeScalars.count }
        }
        return nil
    }
}
