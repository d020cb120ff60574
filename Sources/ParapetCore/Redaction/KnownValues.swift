/// The values a conversation has pseudonymized, to put their placeholders back into a text:
/// built once (one automaton over every value) and applied to many texts, such as every
/// message of a chat history the policy does not scan (``PseudonymVault/knownValues(conversation:)``).
///
/// Values are matched case-sensitively, as first seen, anywhere: an address or number glued to
/// letters (`メールはjane@example.comです`, `Emailingjane@example.com`) is still replaced (QA,
/// 2026-12-02). A name or place (`PERSON`, `LOCATION`, `ADDRESS`) is not replaced inside a longer
/// ASCII word (`Ann` in `Annual`); a JSON escape letter before it (`\nAnn`) does not count as one.
public struct KnownValues: Sendable {
    private let placeholders: [String]
    private let wordLike: [Bool]
    private let automaton: AhoCorasick

    /// Nothing to replace when nil: `values` maps each placeholder to its value.
    init?(_ values: [String: String]) {
        let pairs = values.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        guard !pairs.isEmpty else { return nil }
        placeholders = pairs.map(\.key)
        wordLike = pairs.map { Self.isWordLike(placeholder: $0.key) }
        automaton = AhoCorasick(patterns: pairs.map(\.value), caseInsensitive: false, wholeWords: false)
    }

    /// `text` with every known value replaced by its placeholder.
    public func pseudonymize(_ text: String) -> String {
        let matches = automaton.matches(in: text, kind: .leftmostLongest)
        guard !matches.isEmpty else { return text }
        let bytes = Array(text.utf8)
        var output = ""
        output.reserveCapacity(bytes.count)
        var cursor = 0
        for match in matches where !wordLike[match.patternIndex] || Self.standsAlone(match.range, in: bytes) {
            output += text.substring(utf8: cursor..<match.range.lowerBound)
            output += placeholders[match.patternIndex]
            cursor = match.range.upperBound
        }
        guard cursor > 0 else { return text }
        output += text.substring(utf8: cursor..<bytes.count)
        return output
    }

    /// Names and places: short words that occur inside other words.
    private static func isWordLike(placeholder: String) -> Bool {
        ["<PERSON_", "<LOCATION_", "<ADDRESS_"].contains { placeholder.hasPrefix($0) }
    }

    /// Whether no ASCII letter or digit is glued to the match on a side where the match itself
    /// has one; `\n`, `\t`, `\r` (a JSON escape) before it count as a boundary.
    private static func standsAlone(_ range: Range<Int>, in bytes: [UInt8]) -> Bool {
        func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        if range.lowerBound > 0, isASCIIAlphanumeric(bytes[range.lowerBound]), isASCIIAlphanumeric(bytes[range.lowerBound - 1]) {
            let escaped = range.lowerBound >= 2 && bytes[range.lowerBound - 2] == UInt8(ascii: "\\")
                && [UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r")].contains(bytes[range.lowerBound - 1])
            if !escaped { return false }
        }
        if range.upperBound < bytes.count, isASCIIAlphanumeric(bytes[range.upperBound - 1]), isASCIIAlphanumeric(bytes[range.upperBound]) {
            return false
        }
        return true
    }
}
