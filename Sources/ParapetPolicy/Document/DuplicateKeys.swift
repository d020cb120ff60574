/// Every repeated key of a YAML text, found among libyaml's events and renamed before the text
/// is composed, so that the composer (which stops at the first duplicate) reads the file once
/// and its other problems are reported beside the repeats.
///
/// A repeat is a key of the same mapping with the same value as an earlier one, however it is
/// written (block or flow, quoted, escaped, tagged, anchored, empty or `? key`); its text, tag
/// included, is replaced by a placeholder that occurs nowhere in the file, its anchor kept. A key
/// that spans lines is reported but left as it is (the composer then stops at it).
struct DuplicateKeys {
    /// One repeat: its key, where it is and where its first occurrence is (the file's lines and
    /// columns, see ``YAMLLineMap``).
    struct Repeat {
        var key: String
        var line: Int
        var column: Int
        var firstLine: Int
    }

    /// A renamed key's place on its line: its column in the file, its length and that of the
    /// text that replaced it (in Unicode scalars).
    struct Rename {
        var column: Int
        var length: Int
        var replacementLength: Int
    }

    /// The text with every repeat renamed.
    private(set) var yaml: String
    private(set) var repeats: [Repeat] = []
    /// Whether every repeat was renamed (one that spans lines is not, and the composer stops at it).
    private(set) var allRenamed = true
    /// The placeholders the repeats were renamed to.
    private(set) var placeholders: Set<String> = []
    /// The renamed keys by line, in column order.
    private var renames: [Int: [Rename]] = [:]

    /// Finds and renames the repeats of `yaml`, whose lines `lineMap` maps.
    init(_ yaml: String, lineMap: YAMLLineMap) {
        self.yaml = yaml
        var firstLines: [Int: [String: Int]] = [:]  // by mapping: the line of each key's first occurrence
        var found: [(repeat: Repeat, event: YAMLEventReader.Event)] = []
        YAMLNodeWalk.walk(yaml) { event, place in
            guard event.kind == .scalar, place.isKey, let key = event.value else { return true }
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
        let taken = Self.numbersInUse(yaml)
        var number = 0
        for (item, event) in found.reversed() {  // from the end, so earlier offsets stay valid
            repeats.append(item)
            let (start, end) = (event.start, event.end)
            guard start <= end, end <= scalars.count, !scalars[start..<end].contains(where: Self.isLineBreak) else {
                allRenamed = false
                continue
            }
            while taken.contains(number) { number += 1 }
            let placeholder = Self.placeholder(number)
            number += 1
            // The anchor stays (an alias may name it); an empty key's place gets spaces around it.
            let replacement = (event.anchor.map { "&\($0) " } ?? "") + (start == end ? " \(placeholder) " : placeholder)
            scalars.replaceSubrange(start..<end, with: replacement.unicodeScalars)
            placeholders.insert(placeholder)
            renames[item.line, default: []].append(
                Rename(column: item.column, length: end - start, replacementLength: replacement.unicodeScalars.count))
        }
        repeats.reverse()
        for line in renames.keys { renames[line]?.sort { $0.column < $1.column } }
        var renamed = String.UnicodeScalarView()
        renamed.append(contentsOf: scalars)
        self.yaml = String(renamed)
    }

    /// The column in the file of `column` of the renamed text's `line` (a column inside a
    /// placeholder is its key's first).
    func fileColumn(line: Int, column: Int) -> Int {
        guard let onLine = renames[line] else { return column }
        var shift = 0
        for rename in onLine {
            let start = rename.column + shift
            if column < start { break }
            if column < start + rename.replacementLength { return rename.column }
            shift += rename.replacementLength - rename.length
        }
        return column - shift
    }

    private static func placeholder(_ number: Int) -> String { "__parapet_duplicate_\(number)__" }

    /// The numbers of the placeholders spelled in the file itself, in one pass over it.
    private static func numbersInUse(_ yaml: String) -> Set<Int> {
        var numbers: Set<Int> = []
        var rest = Substring(yaml)
        while let range = rest.firstRange(of: "__parapet_duplicate_") {
            rest = rest[range.upperBound...]
            if let number = Int(rest.prefix { $0.isASCII && $0.isNumber }) { numbers.insert(number) }
        }
        return numbers
    }

    /// The characters libyaml ends a line at.
    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
