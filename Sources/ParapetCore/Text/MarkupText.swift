/// Text for HTML and SVG (XML) documents.
public enum MarkupText {
    /// `text` for element content and attribute values: `&`, `<`, `>` and both quotes as
    /// entities, and characters XML 1.0 cannot hold at all (C0 controls but tab and line breaks,
    /// U+FFFE, U+FFFF) as `?`, so that data from a file (a name, a category) cannot break the
    /// document.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: out += "?"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
