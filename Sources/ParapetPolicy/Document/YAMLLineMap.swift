/// Turns libyaml's line and column into the line and column an editor shows.
///
/// libyaml (YAML 1.1) also ends a line at a lone carriage return, U+0085 (NEL), U+2028 and
/// U+2029, inside strings too, so after one of them its line numbers run ahead of the file's
/// lines (split at `\n`, a `\r` before it kept) and its columns restart. The map knows where each
/// of libyaml's lines starts in the file's lines; for a text without those characters it is the
/// identity and costs one scan of the bytes.
struct YAMLLineMap {
    /// Where libyaml's line `i + 1` starts: the file's line and column (1-based). Empty for the
    /// identity.
    private let starts: [(line: Int, column: Int)]

    init(_ text: String) {
        guard Self.hasExtraBreaks(text) else {
            starts = []
            return
        }
        var starts = [(line: 1, column: 1)]
        var line = 1
        var column = 1
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if scalar == "\n" {
                line += 1
                column = 1
                if previousWasCR { starts[starts.count - 1] = (line, 1) } else { starts.append((line, 1)) }
                continue
            }
            column += 1
            if Self.isLineBreak(scalar) {
                // A `\r` followed by `\n` is one break: its start is corrected at the `\n`.
                starts.append((line, column))
            }
        }
        self.starts = starts
    }

    /// The file's line and column of libyaml's `line`:`column`. libyaml puts the end of a text
    /// that does not end in a line break on a line of its own after the last: the file's line
    /// after the last too.
    func position(line: Int, column: Int) -> (line: Int, column: Int) {
        guard let last = starts.last, line >= 1 else { return (line, column) }
        guard line <= starts.count else { return (last.line + line - starts.count, column) }
        let start = starts[line - 1]
        return (start.line, start.column + column - 1)
    }

    /// The characters libyaml ends a line at: LF, CR (a CR before an LF makes one break with it),
    /// U+0085, U+2028 and U+2029.
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// Whether the text holds a carriage return not before `\n`, or U+0085, U+2028 or U+2029.
    private static func hasExtraBreaks(_ text: String) -> Bool {
        var previous: UInt8 = 0
        var lonelyCR = false
        for byte in text.utf8 {
            if lonelyCR, byte != UInt8(ascii: "\n") { return true }
            lonelyCR = byte == UInt8(ascii: "\r")
            if previous == 0xC2, byte == 0x85 { return true }
            if previous == 0x80, byte == 0xA8 || byte == 0xA9 { return true }  // after 0xE2
            previous = byte
        }
        return lonelyCR
    }
}
