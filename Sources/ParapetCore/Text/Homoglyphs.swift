/// The character tables behind ``Normalizer``: what to remove, what to decode, what needs NFKC
/// and which look-alike letters fold to Latin.
enum Homoglyphs {
    /// What the removal and tag steps do with one scalar.
    enum Disposition {
        case keep
        case remove
        case replace(Unicode.Scalar)
    }

    static func classify(_ scalar: Unicode.Scalar, options: Normalizer.Options) -> Disposition {
        let v = scalar.value
        if options.contains(.removeZeroWidth), isZeroWidth(v) { return .remove }
        if options.contains(.removeBidiControls), isBidiControl(v) { return .remove }
        if options.contains(.decodeTagCharacters), v >= 0xE0000, v <= 0xE007F {
            // Tags shadow ASCII: U+E0041 is a tag `A`. Non-printing tags (language tag, cancel
            // tag, controls) carry no text and are dropped.
            if v >= 0xE0020, v <= 0xE007E, let ascii = Unicode.Scalar(v - 0xE0000) { return .replace(ascii) }
            return .remove
        }
        return .keep
    }

    /// Invisible characters: zero-width ones, the soft hyphen, and the other default-ignorable
    /// code points of Unicode (invisible operators U+2061–U+2064, the combining grapheme joiner
    /// U+034F, variation selectors, Hangul fillers, Mongolian variation selectors, …) but the
    /// bidi controls and tags, which have their own steps. Each of these hid a key or an address
    /// from the scanners before 2026-12-02, when only U+200B–U+200D, U+2060, U+FEFF, U+180E and
    /// U+00AD were removed.
    static func isZeroWidth(_ v: UInt32) -> Bool {
        switch v {
        case 0x200B...0x200D, 0x2060...0x2064, 0x206A...0x206F, 0xFEFF, 0x180B...0x180F, 0x00AD, 0x034F,
            0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, 0xFE00...0xFE0F, 0xFFF0...0xFFF8,
            0x1BCA0...0x1BCA3, 0x1D173...0x1D17A, 0xE0080...0xE0FFF:
            true
        default: false
        }
    }

    /// A mark that draws on the character before it (nonspacing or enclosing): on a digit (of
    /// any script, or any other numeric character such as `①`) it has no meaning in a number and
    /// only splits it (`4◌́111 1111 …`), so it is removed there. Judging by the numeric property
    /// rather than ASCII digits keeps normalizing idempotent (`①◌́` becomes `1`, not `1◌́`).
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x300 else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Whether the normalizer removes or decodes the scalar whatever its neighbours: invisible,
    /// a bidi control or a tag character. A rewrite must not keep such scalars of a value.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return isZeroWidth(v) || isBidiControl(v) || (0xE0000...0xE007F).contains(v)
    }

    /// Bidirectional formatting controls.
    static func isBidiControl(_ v: UInt32) -> Bool {
        switch v {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// Whether a scalar may combine under NFKC with the scalar before it: a non-zero combining
    /// class, a Hangul vowel or final jamo (conjoining, compatibility or halfwidth), one of the few
    /// starters that are composition seconds, or a starter whose compatibility decomposition
    /// begins with one of those. Astral-plane scripts are treated conservatively.
    static func mayComposeWithPrevious(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x300 { return false }
        if v < 0x10000 { return ScalarFlags.bmp[Int(v)] & ScalarFlags.composes != 0 }
        return computeMayCompose(scalar)
    }

    /// Whether a scalar, alone, changes under NFKC (it changes under NFKC case folding, a
    /// superset; a scalar stable under that is in NFKC form).
    static func mayChangeUnderNFKC(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return false }
        if v < 0x10000 { return ScalarFlags.bmp[Int(v)] & ScalarFlags.changesUnderNFKC != 0 }
        return scalar.properties.changesWhenNFKCCaseFolded
    }

    static func computeMayCompose(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if scalar.properties.canonicalCombiningClass != .notReordered { return true }
        switch v {
        case 0x1161...0x1175, 0x11A8...0x11C2,  // Hangul V and T jamo
            0x3131...0x318E, 0xFFA0...0xFFDC,  // compatibility and halfwidth jamo
            0xFF9E, 0xFF9F, 0x0F73, 0x0F75, 0x0F81:  // decompose to combining marks
            return true
        case 0x09BE, 0x09D7, 0x0B3E, 0x0B56, 0x0B57, 0x0BBE, 0x0BD7, 0x0CC2, 0x0CD5, 0x0CD6,
            0x0D3E, 0x0D57, 0x0DCF, 0x0DDF, 0x102E, 0x1B35:  // starters that are composition seconds
            return true
        case 0x11000..<0x1D000:  // astral Brahmic and other scripts: be conservative
            return true
        default:
            return false
        }
    }

    /// Folds a look-alike letter to the Latin letter it imitates, a decimal digit of another
    /// script to its ASCII digit (``foldDigit(_:)``), and a dash or minus sign that
    /// NFKC keeps (hyphen U+2010, non-breaking hyphen U+2011, figure, en and em dashes, the
    /// horizontal bar, the hyphen bullet, the minus sign U+2212) to `-`, so `536–22–1234` reads
    /// as the number it is; other scalars are unchanged.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        switch v {
        case 0x2010...0x2015, 0x2043, 0x2212: return "-"
        default: break
        }
        if v >= 0x0660 { return foldDigit(scalar) }
        guard v >= foldBase, v < foldBase + UInt32(foldTable.count) else { return scalar }
        let latin = foldTable[Int(v - foldBase)]
        return latin == 0 ? scalar : Unicode.Scalar(latin)
    }

    /// A decimal digit of another script (Arabic-Indic `٤`, Devanagari `४`, Thai `๔`, …; NFKC
    /// leaves them) as the ASCII digit it is, so a card or phone number written in them is found;
    /// other scalars are unchanged.
    static func foldDigit(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        // The BMP's digits are flagged in a table; the property lookup runs only for them.
        if scalar.value < 0x10000, ScalarFlags.bmp[Int(scalar.value)] & ScalarFlags.otherDecimalDigit == 0 { return scalar }
        guard scalar.properties.generalCategory == .decimalNumber, let value = scalar.properties.numericValue,
            value >= 0, value <= 9, value == value.rounded(), let ascii = Unicode.Scalar(48 + UInt32(value))
        else { return scalar }
        return ascii
    }

    private static let foldBase: UInt32 = 0x0131

    /// ``table`` as a flat array from U+0131 to U+0585 (0: no folding), for lookups without hashing.
    private static let foldTable: [UInt8] = {
        var flat = [UInt8](repeating: 0, count: 0x0586 - 0x0131)
        for (key, value) in table { flat[Int(key - foldBase)] = UInt8(value.value) }
        return flat
    }()

    /// Cyrillic, Greek, Armenian and IPA letters commonly used as Latin look-alikes.
    static let table: [UInt32: Unicode.Scalar] = {
        let pairs: [(UInt32, Unicode.Scalar)] = [
            // Latin/IPA
            (0x0131, "i"), (0x0251, "a"), (0x0261, "g"), (0x0269, "i"), (0x026A, "i"), (0x0274, "n"),
            (0x0280, "r"), (0x028F, "y"), (0x029C, "h"),
            // Greek capitals
            (0x0391, "A"), (0x0392, "B"), (0x0395, "E"), (0x0396, "Z"), (0x0397, "H"), (0x0399, "I"),
            (0x039A, "K"), (0x039C, "M"), (0x039D, "N"), (0x039F, "O"), (0x03A1, "P"), (0x03A4, "T"),
            (0x03A5, "Y"), (0x03A7, "X"), (0x03F9, "C"), (0x037F, "J"),
            // Greek small
            (0x03B1, "a"), (0x03B9, "i"), (0x03BA, "k"), (0x03BD, "v"), (0x03BF, "o"), (0x03C1, "p"),
            (0x03C5, "u"), (0x03C7, "x"), (0x03F2, "c"), (0x03F3, "j"),
            // Cyrillic capitals
            (0x0405, "S"), (0x0406, "I"), (0x0408, "J"), (0x0410, "A"), (0x0412, "B"), (0x0415, "E"),
            (0x041A, "K"), (0x041C, "M"), (0x041D, "H"), (0x041E, "O"), (0x0420, "P"), (0x0421, "C"),
            (0x0422, "T"), (0x0423, "Y"), (0x0425, "X"), (0x04AE, "Y"), (0x04C0, "I"), (0x0501, "d"),
            (0x050C, "G"), (0x051A, "Q"), (0x051C, "W"),
            // Cyrillic small
            (0x0430, "a"), (0x0435, "e"), (0x043E, "o"), (0x0440, "p"), (0x0441, "c"), (0x0443, "y"),
            (0x0445, "x"), (0x0455, "s"), (0x0456, "i"), (0x0458, "j"), (0x04BB, "h"), (0x04CF, "l"),
            (0x051B, "q"), (0x051D, "w"),
            // Armenian small
            (0x0570, "h"), (0x0578, "n"), (0x057D, "u"), (0x0585, "o"),
        ]
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }()
}
