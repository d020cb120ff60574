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
        let reader = YAMLEventReader(yaml)
        /// The open collections: whether each is a mapping expecting a key next, and a number
        /// telling it apart from the others.
        var open: [(isMapping: Bool, expectingKey: Bool, number: Int)] = []
        var opened = 0
        /// The mapping that holds the first occurrence, once found.
        var holder: Int?
        func nodeEnded() {
            if let last = open.indices.last, open[last].isMapping { open[last].expectingKey.toggle() }
        }
        while let event = reader.next() {
            switch event.kind {
            case .scalar:
                if let parent = open.last, parent.isMapping, parent.expectingKey, event.value == key {
                    let at = lineMap.position(line: event.line, column: event.column)
                    if let holder, parent.number == holder {
                        var scalars = Array(yaml.unicodeScalars)
                        guard event.start <= event.end, event.end <= scalars.count else { return nil }
                        scalars.replaceSubrange(event.start..<event.end, with: placeholder.unicodeScalars)
                        var renamed = String.UnicodeScalarView()
                        renamed.append(contentsOf: scalars)
                        (self.yaml, self.line, self.column, self.placeholder) = (String(renamed), at.line, at.column, placeholder)
                        return
                    }
                    if holder == nil, at.line == firstLine, at.column == firstColumn { holder = parent.number }
                }
                nodeEnded()
            case .alias:
                nodeEnded()
            case .sequenceStart, .mappingStart:
                opened += 1
                open.append((isMapping: event.kind == .mappingStart, expectingKey: true, number: opened))
            case .sequenceEnd, .mappingEnd:
                open.removeLast()
                nodeEnded()
            case .other:
                break
            }
        }
        return nil
    }
}
