/// Unicode properties the text machinery asks about every scalar, precomputed for the whole BMP
/// (64 KiB, built once on first use) so the hot loops do a table read instead of a property
/// lookup.
enum ScalarFlags {
    /// Changes under NFKC case folding.
    static let changesUnderNFKC: UInt8 = 1 << 0
    /// May combine under NFKC with the scalar before it (``Homoglyphs/mayComposeWithPrevious(_:)``).
    static let composes: UInt8 = 1 << 1
    /// Changes when lowercased (so ``CaseFolding`` may fold it).
    static let changesWhenLowercased: UInt8 = 1 << 2
    /// A decimal digit outside ASCII (General Category Nd), which ``Homoglyphs/foldDigit(_:)`` folds.
    static let otherDecimalDigit: UInt8 = 1 << 3

    /// The flags of every BMP scalar (0 for surrogates).
    static let bmp: [UInt8] = (0..<0x10000).map { v -> UInt8 in
        guard let scalar = Unicode.Scalar(UInt32(v)) else { return 0 }
        let properties = scalar.properties
        var flags: UInt8 = 0
        if properties.changesWhenNFKCCaseFolded { flags |= changesUnderNFKC }
        if Homoglyphs.computeMayCompose(scalar) { flags |= composes }
        if properties.changesWhenLowercased { flags |= changesWhenLowercased }
        if v >= 0x80, properties.generalCategory == .decimalNumber { flags |= otherDecimalDigit }
        return flags
    }
}
