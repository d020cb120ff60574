/// Finds the repeat of a duplicated key and renames it, so that the YAML composer (which stops
/// at the first duplicate) can go on and the file's other problems are reported too.
///
/// The composer names the first occurrence of the key; the repeat is the next key of the same
/// mapping with the same value, found among libyaml's events (see ``YAMLEventReader``), so block
/// and flow mappings, quoted, escaped, tagged and explicit (`? key`) keys and keys after
/// multi-line strings are all found where they are. The key's text (its tag included) is
/// replaced by the placeholder.
struct DuplicateKeyRepair {
    /// The text with the repeat renamed.
    var yaml: String
    /// Where the repeat is (1-based line and column of the file, see ``YAMLLineMap``).
    var line: Int
    var column: Int
    /// The key it was renamed to.
    var placeholder: String

    /// Renames the repeat of `key`, whose first occurrence is at the file's `line`:`column`
    /// (1-based), to `placeholder`; `nil` when no repeat is found.
    init?(key: String, line firstLine: Int, column firstColumn: Int, in yaml: String, placeholder: String) {
        let lineMap = YAMLLineMap(yaml)
        var holder: Int?  // the mapping that holds the first occurrence, once found
        var found: YAMLEventReader.Event?
        YAMLNodeWalk.walk(yaml) { event, place in
            guard event.kind == .scalar, place.isKey, event.value == key else { return true }
            if let holder {
                if place.parent == holder { found = event }
                return found == nil
            }
            let at = lineMap.position(line: event.line, column: event.column)
            if at.line == firstLine, at.column == firstColumn { holder = place.parent }
            return true
        }
        var scalars = Array(yaml.unicodeScalars)
        guard let found, found.start <= found.end, found.end <= scalars.count else { return nil }
        scalars.replaceSubrange(found.start..<found.end, with: placeholder.unicodeScalars)
        var renamed = String.UnicodeScalarView()
        renamed.append(contentsOf: scalars)
        let at = lineMap.position(line: found.line, column: found.column)
        (self.yaml, self.line, self.column, self.placeholder) = (String(renamed), at.line, at.column, placeholder)
    }
}
