import ParapetCore

/// Prepares text for scanning and maps scanner ranges back to the original text.
///
/// The seam between the policy and ParapetCore's `Normalizer`: a policy with `normalize: true`
/// scans the prepared text and maps every finding back to ORIGINAL byte offsets.
protocol TextPreparer: Sendable {
    /// The text scanners see, and how to map its byte ranges back.
    func prepare(_ text: String) -> PreparedText
}

/// Text ready for scanning plus the way back to the original's byte offsets.
struct PreparedText {
    /// What scanners see.
    let text: String
    /// Whether `text` is the original, byte for byte.
    let isIdentity: Bool
    /// Maps a byte range in `text` to a byte range in the original.
    let originalRange: (Range<Int>) -> Range<Int>
}

/// Scans the text as received.
struct IdentityPreparer: TextPreparer {
    func prepare(_ text: String) -> PreparedText {
        PreparedText(text: text, isIdentity: true, originalRange: { $0 })
    }
}

/// Scans ParapetCore's normalised text (zero-width and bidi characters removed, tag characters
/// decoded, NFKC, homoglyphs folded) and maps ranges back through its offset map.
struct NormalizerPreparer: TextPreparer {
    let normalizer = Normalizer()

    func prepare(_ text: String) -> PreparedText {
        let normalized = normalizer.normalize(text)
        return PreparedText(text: normalized.text, isIdentity: normalized.isIdentity,
                            originalRange: normalized.originalRange(for:))
    }
}
