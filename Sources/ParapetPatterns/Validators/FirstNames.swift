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
        // The first non-empty piece between separators, found without splitting the whole text.
        let isSeparator: (Character) -> Bool = { $0 == " " || $0 == "-" || $0 == "\n" || $0 == "\t" }
        guard let start = text.firstIndex(where: { !isSeparator($0) }) else { return false }
        let end = text[start...].firstIndex(where: isSeparator) ?? text.endIndex
        return all.contains(text[start..<end].lowercased())
    }
}
