import Foundation

/// A public-domain list of given names (US Census 1990, about 5,000 names) used to confirm that
/// a pair of capitalised words starts with a first name.
public enum FirstNames {
    /// The lower-cased names; empty if the resource cannot be read.
    public static let all: Set<String> = {
        guard let url = Bundle.module.url(forResource: "first_names", withExtension: "txt", subdirectory: "Catalog")
            ?? Bundle.module.url(forResource: "first_names", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        var names: Set<String> = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            names.insert(String(line).trimmingCharacters(in: .whitespaces))
        }
        return names
    }()

    /// Whether the first word of `text` (up to a space or hyphen) is a listed first name.
    public static func startsWithFirstName(_ text: some StringProtocol) -> Bool {
        // The first non-empty piece between separators (all ASCII), found on the UTF-8 view
        // without splitting the whole text or walking grapheme clusters.
        let isSeparator: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x2D || $0 == 0x0A || $0 == 0x09 }
        let utf8 = text.utf8
        guard let start = utf8.firstIndex(where: { !isSeparator($0) }) else { return false }
        let end = utf8[start...].firstIndex(where: isSeparator) ?? utf8.endIndex
        let word = text[start..<end].lowercased()
        if all.contains(word) { return true }
        // The list is ASCII (US Census): José, René, Zoë and Chloé are listed without accents.
        guard word.utf8.contains(where: { $0 >= 0x80 }) else { return false }
        return all.contains(word.folding(options: .diacriticInsensitive, locale: nil))
    }
}
