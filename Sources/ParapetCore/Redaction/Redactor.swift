import Crypto
import Foundation

/// Applies redaction operators to the spans of findings, producing the rewritten text.
///
/// Text outside the given findings is never touched. Overlapping or nested spans are merged
/// first (the merged span takes the operator and category of its highest-scoring finding), so
/// redacting is well defined and redacting a redacted text again changes nothing.
public struct Redactor: Sendable {
    /// Where pseudonyms are kept.
    public let vault: PseudonymVault

    /// Creates a redactor with a vault (a fresh one by default).
    public init(vault: PseudonymVault = PseudonymVault()) {
        self.vault = vault
    }

    /// One span to rewrite.
    public struct Edit: Sendable, Hashable {
        /// The finding to rewrite.
        public var finding: Finding
        /// How to rewrite it.
        public var `operator`: RedactionOperator

        /// Creates an edit.
        public init(finding: Finding, operator: RedactionOperator) {
            self.finding = finding
            self.operator = `operator`
        }
    }

    /// Rewrites `text`, replacing each edit's byte range. Ranges out of bounds or not on scalar
    /// boundaries are clamped outward to the nearest scalar boundary. Before pseudonymizing, the
    /// placeholders the user typed in `text` are reserved in the vault, so none is issued again.
    public func redact(_ text: String, edits: [Edit], conversation: String = PseudonymVault.defaultConversation) -> String {
        guard !edits.isEmpty else { return text }
        if edits.contains(where: { $0.operator == .pseudonymize }) {
            vault.reserveTypedPlaceholders(in: text, conversation: conversation)
        }
        var text = text
        let merged = text.withUTF8 { Self.merge(edits, byteCount: $0.count, bytes: $0) }
        // The result is built from slices of `text` (valid UTF-8 cut at scalar boundaries) and the
        // replacements, so no byte of it is decoded or validated again.
        var output = ""
        output.reserveCapacity(text.utf8.count + 16 * merged.count)
        var cursor = 0
        for edit in merged {
            let range = edit.finding.range
            output.append(contentsOf: text.substring(utf8: cursor..<range.lowerBound))
            output.append(replacement(for: String(text.substring(utf8: range)), edit: edit, conversation: conversation))
            cursor = range.upperBound
        }
        output.append(contentsOf: text.substring(utf8: cursor..<text.utf8.count))
        return output
    }

    private func replacement(for value: String, edit: Edit, conversation: String) -> String {
        let type = edit.finding.category.placeholderType
        switch edit.operator {
        case .remove:
            return ""
        case .replace(let template):
            return template
                .replacingOccurrences(of: "{TYPE}", with: type)
                .replacingOccurrences(of: "{category}", with: edit.finding.category.rawValue)
        case .pseudonymize:
            return vault.pseudonym(for: value, type: type, conversation: conversation)
        case .hash(let key, let length):
            let mac = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: SymmetricKey(data: Data(key.utf8)))
            let hex = Hex.lowercase(mac)
            return "<\(type):\(hex.prefix(max(4, min(64, length))))>"
        case .mask(let character, let keepLast, let keepSeparators):
            return Self.mask(value, with: character, keepLast: keepLast, keepSeparators: keepSeparators)
        }
    }

    /// Masks a value character by character, each character without its invisible scalars
    /// (zero-width, bidi controls, tag characters, variation selectors), so a character kept
    /// visible cannot carry hidden ones; its marks stay (`Ñandú` keeps its accents). Before
    /// 2026-12-02 a card number written as `4` plus fifteen tag-character digits (one character)
    /// survived `keep_last: 4` whole.
    static func mask(_ value: String, with character: Character, keepLast: Int, keepSeparators: Bool) -> String {
        // Strings, not Characters: a cluster without its joiners may no longer be one character.
        let units: [String] = value.map { cluster in
            var visible = String.UnicodeScalarView()
            visible.append(contentsOf: cluster.unicodeScalars.lazy.filter { !Homoglyphs.isHidden($0) })
            return String(visible)
        }.filter { !$0.isEmpty }
        let maskable = units.indices.filter { index in
            guard keepSeparators, let first = units[index].first else { return true }
            return first.isLetter || first.isNumber
        }
        let kept = Set(maskable.suffix(max(0, keepLast)))
        let maskableSet = Set(maskable)
        var result = ""
        for (index, unit) in units.enumerated() {
            if maskableSet.contains(index) && !kept.contains(index) { result.append(character) } else { result += unit }
        }
        return result
    }

    /// Clamps ranges to scalar boundaries, sorts them and merges overlaps, keeping the
    /// highest-scoring edit's operator for each merged span.
    static func merge<Bytes: RandomAccessCollection<UInt8>>(_ edits: [Edit], byteCount: Int, bytes: Bytes) -> [Edit]
    where Bytes.Index == Int {
        func isBoundary(_ i: Int) -> Bool { i <= 0 || i >= byteCount || bytes[i] & 0xC0 != 0x80 }
        // The usual case (a policy's edits: resolved findings, sorted and apart) needs no change:
        // return the edits as they are instead of copying each one.
        var previousEnd = 0
        let inPlace = edits.allSatisfy { edit in
            let range = edit.finding.range
            defer { previousEnd = range.upperBound }
            return range.lowerBound >= previousEnd && range.lowerBound < range.upperBound && range.upperBound <= byteCount
                && isBoundary(range.lowerBound) && isBoundary(range.upperBound)
        }
        if inPlace { return edits }
        var clamped: [Edit] = edits.compactMap { edit in
            var lower = max(0, min(byteCount, edit.finding.range.lowerBound))
            var upper = max(lower, min(byteCount, edit.finding.range.upperBound))
            while !isBoundary(lower) { lower -= 1 }
            while !isBoundary(upper) { upper += 1 }
            guard lower < upper else { return nil }
            var copy = edit
            copy.finding.range = lower..<upper
            return copy
        }
        clamped.sort { $0.finding.range.lowerBound < $1.finding.range.lowerBound }
        var merged: [Edit] = []
        for edit in clamped {
            if var last = merged.last, last.finding.range.upperBound > edit.finding.range.lowerBound {
                let upper = max(last.finding.range.upperBound, edit.finding.range.upperBound)
                if edit.finding.score > last.finding.score {
                    last.finding.category = edit.finding.category
                    last.finding.score = edit.finding.score
                    last.operator = edit.operator
                }
                last.finding.range = last.finding.range.lowerBound..<upper
                merged[merged.count - 1] = last
            } else {
                merged.append(edit)
            }
        }
        return merged
    }
}
