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

    /// Whether a listed name holds an apostrophe (`'` or `’`); the name-start filter relies on
    /// the answer.
    static let hasApostrophes = all.contains { $0.contains("'") || $0.contains("’") }

    /// The listed names packed five bits a letter (a = 1 … z = 26) into one integer each, so a
    /// word in a text is looked up without building a string.
    static let packed: Set<UInt64> = Set(all.compactMap { pack($0.utf8) })

    /// `word` (ASCII letters of either case) packed as in ``packed``; nil when it is longer than
    /// twelve letters or holds anything else, so it cannot be a listed name.
    static func pack<Word: Collection<UInt8>>(_ word: Word) -> UInt64? {
        guard !word.isEmpty, word.count <= 12 else { return nil }
        var code: UInt64 = 0
        for byte in word {
            guard byte.isASCIILetter else { return nil }
            code = code << 5 | UInt64((byte | 0x20) - UInt8(ascii: "a") + 1)
        }
        return code
    }

    /// Whether the ASCII letters `bytes[range]` (either case) are a listed first name.
    static func isListed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let code = pack(UnsafeBufferPointer(rebasing: bytes[range])) else { return false }
        return packed.contains(code)
    }

    /// Whether the first word of `text` (up to a space or hyphen) is a listed first name.
    public static func startsWithFirstName(_ text: some StringProtocol) -> Bool {
        // The first non-empty piece between separators (all ASCII), found on the UTF-8 view
        // without splitting the whole text or walking grapheme clusters.
        let isSeparator: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x2D || $0 == 0x0A || $0 == 0x09 }
        let utf8 = text.utf8
        guard let start = utf8.firstIndex(where: { !isSeparator($0) }) else { return false }
        let end = utf8[start...].firstIndex(where: isSeparator) ?? utf8.endIndex
        // Up to twelve ASCII letters: the packed code decides (the list's names of that shape are
        // exactly the packed ones), without building a lower-cased string.
        if let code = pack(utf8[start..<end]) { return packed.contains(code) }
        let word = text[start..<end].lowercased()
        if all.contains(word) { return true }
        // The list is ASCII (US Census): José, René, Zoë and Chloé are listed without accents.
        guard word.utf8.contains(where: { $0 >= 0x80 }) else { return false }
        return all.contains(word.folding(options: .diacriticInsensitive, locale: nil))
    }
}
