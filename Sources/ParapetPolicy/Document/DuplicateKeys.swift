/// Every repeated key of a YAML text, found among libyaml's events and renamed before the text
/// is composed, so that the composer (which stops at the first duplicate) reads the file once
/// and its other problems are reported beside the repeats.
///
/// A repeat is a key of the same mapping with the same value as an earlier one, however it is
/// written (block or flow, quoted, escaped, tagged, empty, `? key`, JSON's `"key":value`); its
/// text, tag included, is replaced by a quoted placeholder that no key of the file spells. A
/// repeat that spans lines or carries an anchor (an alias elsewhere may take its text) is
/// reported but left as it is, and the composer then stops at it.
struct DuplicateKeys {
    /// One repeat: its key, where it is and where its first occurrence is (the file's lines and
    /// columns, see ``YAMLLineMap``).
    struct Repeat {
        var key: String
        var line: Int
        var column: Int
        var firstLine: Int
    }

    /// The renamed keys of one line, in column order: where each starts in the file and in the
    /// renamed text, how much longer its replacement is, and the sum of those up to it.
    private struct LineRenames {
        var fileColumns: [Int] = []
        var renamedColumns: [Int] = []
        var replacementLengths: [Int] = []
        var shiftsThrough: [Int] = []
    }

    /// The text with every repeat renamed.
    private(set) var yaml: String
    private(set) var repeats: [Repeat] = []
    /// Whether every repeat was renamed (see the type's description for those that are not).
    private(set) var allRenamed = true
    /// The placeholders the repeats were renamed to.
    private(set) var placeholders: Set<String> = []
    private var renames: [Int: LineRenames] = [:]

    /// Finds and renames the repeats of `yaml`, whose lines `lineMap` maps.
    init(_ yaml: String, lineMap: YAMLLineMap) {
        self.yaml = yaml
        var firstLines: [Int: [String: Int]] = [:]  // by mapping: the line of each key's first occurrence
        var found: [(repeat: Repeat, event: YAMLEventReader.Event)] = []
        var taken: Set<Int> = []  // placeholder numbers the file's own keys spell
        YAMLNodeWalk.walk(yaml) { event, place in
            guard event.kind == .scalar, place.isKey, let key = event.value else { return true }
            if let number = Self.placeholderNumber(key) { taken.insert(number) }
            let at = lineMap.position(line: event.line, column: event.column)
            if let firstLine = firstLines[place.parent]?[key] {
                found.append((Repeat(key: key, line: at.line, column: at.column, firstLine: firstLine), event))
            } else {
                firstLines[place.parent, default: [:]][key] = at.line
            }
            return true
        }
        guard !found.isEmpty else { return }
        var scalars = Array(yaml.unicodeScalars)
        var number = 0
        var byLine: [Int: [(column: Int, length: Int, replacementLength: Int)]] = [:]
        for (item, event) in found.reversed() {  // from the end, so earlier offsets stay valid
            repeats.append(item)
            let (start, end) = (event.start, event.end)
            guard event.anchor == nil, start <= end, end <= scalars.count,
                !scalars[start..<end].contains(where: YAMLLineMap.isLineBreak)
            else {
                allRenamed = false
                continue
            }
            while taken.contains(number) { number += 1 }
            let placeholder = Self.placeholder(number)
            number += 1
            // Quoted, so that a `:` right after it (`"a":1`) still ends the key; an empty key's
            // place gets spaces around it.
            let replacement = start == end ? " \"\(placeholder)\" " : "\"\(placeholder)\""
            scalars.replaceSubrange(start..<end, with: replacement.unicodeScalars)
            placeholders.insert(placeholder)
            byLine[item.line, default: []].append((item.column, end - start, replacement.unicodeScalars.count))
        }
        repeats.reverse()
        for (line, onLine) in byLine {
            var lineRenames = LineRenames()
            var shift = 0
            for rename in onLine.sorted(by: { $0.column < $1.column }) {
                lineRenames.fileColumns.append(rename.column)
                lineRenames.renamedColumns.append(rename.column + shift)
                lineRenames.replacementLengths.append(rename.replacementLength)
                shift += rename.replacementLength - rename.length
                lineRenames.shiftsThrough.append(shift)
            }
            renames[line] = lineRenames
        }
        var renamed = String.UnicodeScalarView()
        renamed.append(contentsOf: scalars)
        self.yaml = String(renamed)
    }

    /// The column in the file of `column` of the renamed text's `line` (a column inside a
    /// replacement is its key's first). A binary search: a line may hold thousands of renames.
    func fileColumn(line: Int, column: Int) -> Int {
        guard let onLine = renames[line] else { return column }
        // The last rename starting at or before `column`.
        var low = 0
        var high = onLine.renamedColumns.count
        while low < high {
            let middle = (low + high) / 2
            if onLine.renamedColumns[middle] <= column { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return column }
        let index = low - 1
        if column < onLine.renamedColumns[index] + onLine.replacementLengths[index] { return onLine.fileColumns[index] }
        return column - onLine.shiftsThrough[index]
    }

    private static let prefix = "__parapet_duplicate_"

    private static func placeholder(_ number: Int) -> String { "\(prefix)\(number)__" }

    /// The number of a key spelled like a placeholder (`__parapet_duplicate_N__`), or nil.
    private static func placeholderNumber(_ key: String) -> Int? {
        guard key.hasPrefix(prefix), key.hasSuffix("__") else { return nil }
        return Int(key.dropFirst(prefix.count).dropLast(2))
    }
}
