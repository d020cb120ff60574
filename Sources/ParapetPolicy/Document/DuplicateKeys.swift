/// Every repeated key of a YAML text, found among libyaml's events and renamed before the text
/// is composed, so that the composer (which stops at the first duplicate) reads the file once
/// and its other problems are reported beside the repeats.
///
/// A repeat is a key of the same mapping with the same value as an earlier one, however it is
/// written (block or flow, quoted, escaped, tagged or `? key`); its text, tag included, is
/// replaced by a placeholder that occurs nowhere in the file. A key that spans lines is left as
/// it is (the composer then reports it alone).
struct DuplicateKeys {
    /// One repeat: its key, where it is and where its first occurrence is (the file's lines and
    /// columns, see ``YAMLLineMap``).
    struct Repeat {
        var key: String
        var line: Int
        var column: Int
        var firstLine: Int
    }

    /// A renamed key's place on its line: its column in the file, its length and its
    /// placeholder's (in Unicode scalars).
    struct Rename {
        var column: Int
        var length: Int
        var placeholderLength: Int
    }

    /// The text with every repeat renamed.
    private(set) var yaml: String
    private(set) var repeats: [Repeat] = []
    /// The placeholders the repeats were renamed to.
    private(set) var placeholders: Set<String> = []
    /// The renamed keys by line, in column order.
    private var renames: [Int: [Rename]] = [:]

    /// Finds and renames the repeats of `yaml`, whose lines `lineMap` maps.
    init(_ yaml: String, lineMap: YAMLLineMap) {
        self.yaml = yaml
        var firstLines: [Int: [String: Int]] = [:]  // by mapping: the line of each key's first occurrence
        var found: [(repeat: Repeat, start: Int, end: Int)] = []
        YAMLNodeWalk.walk(yaml) { event, place in
            guard event.kind == .scalar, place.isKey, let key = event.value else { return true }
            let at = lineMap.position(line: event.line, column: event.column)
            if let firstLine = firstLines[place.parent]?[key] {
                found.append((Repeat(key: key, line: at.line, column: at.column, firstLine: firstLine), event.start, event.end))
            } else {
                firstLines[place.parent, default: [:]][key] = at.line
            }
            return true
        }
        guard !found.isEmpty else { return }
        var scalars = Array(yaml.unicodeScalars)
        let mayCollide = yaml.contains("__parapet_duplicate_")
        var number = 0
        for (item, start, end) in found.reversed() {  // from the end, so earlier offsets stay valid
            guard start <= end, end <= scalars.count, !scalars[start..<end].contains(where: Self.isLineBreak) else { continue }
            while mayCollide, yaml.contains(Self.placeholder(number)) { number += 1 }
            let placeholder = Self.placeholder(number)
            number += 1
            scalars.replaceSubrange(start..<end, with: placeholder.unicodeScalars)
            placeholders.insert(placeholder)
            repeats.append(item)
            renames[item.line, default: []].append(
                Rename(column: item.column, length: end - start, placeholderLength: placeholder.unicodeScalars.count))
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
            if column < start + rename.placeholderLength { return rename.column }
            shift += rename.placeholderLength - rename.length
        }
        return column - shift
    }

    private static func placeholder(_ number: Int) -> String { "__parapet_duplicate_\(number)__" }

    /// The characters libyaml ends a line at.
    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
