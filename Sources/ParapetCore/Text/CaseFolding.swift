/// The case folding ``AhoCorasick`` applies to patterns and text: simple (one scalar to one
/// scalar) lowercase folding.
///
/// ASCII `A`–`Z` fold to `a`–`z`. Any other scalar whose full lowercase mapping is a single scalar
/// folds to it (`É`→`é`, `Д`→`д`, `ẞ`→`ß`, Kelvin sign→`k`), and final sigma `ς` folds to `σ`.
/// Scalars whose lowercase is several scalars (`İ`) are kept. Folding never changes the number of
/// scalars, so a match maps back to whole original scalars, but it does not equate `ß` with `ss`
/// or precomposed with decomposed accents: run the ``Normalizer`` first for the latter.
enum CaseFolding {
    /// Folds one scalar.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        if v < 0x80 {
            return v >= 0x41 && v <= 0x5A ? Unicode.Scalar(UInt8(v + 0x20)) : scalar
        }
        if v == 0x03C2 { return "\u{03C3}" }
        if v < 0x10000 {
            guard ScalarFlags.bmp[Int(v)] & ScalarFlags.changesWhenLowercased != 0 else { return scalar }
        } else {
            guard scalar.properties.changesWhenLowercased else { return scalar }
        }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        guard lower.count == 1, let folded = lower.first else { return scalar }
        return folded
    }

    /// The folded UTF-8 bytes of a string.
    static func foldedBytes(_ string: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            NormalizationBuilder.appendUTF8(fold(scalar), to: &bytes)
        }
        return bytes
    }

    /// Whether a pattern edge needs a word boundary next to it: a word scalar outside the
    /// scripts written without spaces between words.
    static func needsBoundary(_ scalar: Unicode.Scalar) -> Bool {
        guard isWordScalar(scalar) else { return false }
        if scalar.properties.isIdeographic { return false }
        switch scalar.value {
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F:
            return false  // Thai, Lao, Myanmar, Khmer, kana
        default:
            return true
        }
    }

    /// Whether a scalar counts as part of a word for whole-word matching: letters, marks and
    /// numbers (the `_` is not).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
