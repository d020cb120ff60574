/// One pass of ``Normalizer`` over a non-ASCII text: writes the normalized bytes and the segments
/// of the offset map.
///
/// The text is walked as ASCII runs, copied verbatim, and non-ASCII regions (each extended back
/// by the ASCII character before it, which a combining mark may attach to). Inside a region,
/// characters to remove are dropped and tags decoded first; the kept scalars are then split into
/// chunks at normalization boundaries (each chunk is a scalar that cannot combine with what
/// precedes it, plus the scalars that may combine with it: a superset of a grapheme cluster's
/// composing part), and each chunk is NFKC-normalized if it may change, and homoglyph-folded.
struct NormalizationBuilder {
    let options: Normalizer.Options
    let bytes: UnsafeBufferPointer<UInt8>
    private var output: [UInt8] = []
    private var map = OffsetMap()
    /// Original bytes consumed so far; segments tile the original text up to here.
    private var cursor = 0
    /// Scratch buffers for one region: kept scalars and their original byte ranges.
    private var kept: [Unicode.Scalar] = []
    private var starts: [Int] = []
    private var ends: [Int] = []

    init(options: Normalizer.Options, bytes: UnsafeBufferPointer<UInt8>) {
        self.options = options
        self.bytes = bytes
        output.reserveCapacity(bytes.count)
    }

    mutating func run(original: String) -> NormalizedText {
        let count = bytes.count
        var i = 0
        while i < count {
            let j = Self.asciiEnd(bytes, from: i)
            if j == count {
                emitVerbatim(upTo: count)
                break
            }
            // A non-ASCII region starts at j; the ASCII character before it joins the region.
            let regionStart = j > i ? j - 1 : j
            emitVerbatim(upTo: regionStart)
            var k = j
            while k < count && bytes[k] >= 0x80 { k += 1 }
            processRegion(regionStart..<k)
            i = k
        }
        guard map.hasEdits else { return NormalizedText(identity: original) }
        return NormalizedText(text: Self.string(fromValidUTF8: output), original: original, map: map)
    }

    /// `bytes` as a String without validating them again. The builder's output is valid UTF-8 by
    /// construction: it copies the original's bytes between scalar boundaries and appends whole
    /// scalars it encodes itself (``appendUTF8(_:to:)``). `String(decoding:as:)` would re-validate
    /// the whole text, about 1 ms per MB, a sixteenth of a 1 MB scan (tests check the output over
    /// random scalars of every plane).
    static func string(fromValidUTF8 bytes: [UInt8]) -> String {
        #if compiler(>=6.2)
            if #available(macOS 26, *) {
                let text = String(copying: UTF8Span(unchecked: bytes.span))
                assert(String(validating: bytes, as: UTF8.self) == text, "normalizer output is not valid UTF-8")
                return text
            }
        #endif
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first non-ASCII byte at or after `start` (or the end), eight bytes at a time.
    static func asciiEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var index = start
        while index + 8 <= bytes.count,
              UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        {
            index += 8
        }
        while index < bytes.count, bytes[index] < 0x80 { index += 1 }
        return index
    }

    // MARK: Emitting

    /// Copies original bytes from the cursor up to `end` unchanged.
    private mutating func emitVerbatim(upTo end: Int) {
        guard end > cursor else { return }
        map.append(normalizedStart: output.count, originalStart: cursor, verbatim: true)
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cursor..<end]))
        cursor = end
    }

    /// Emits the original range `start..<end` as `scalars` (removed characters before `start`
    /// become an empty segment).
    private mutating func emit(start: Int, end: Int, scalars: some Sequence<Unicode.Scalar>) {
        emitRemoval(upTo: start)
        let outputStart = output.count
        for scalar in scalars { Self.appendUTF8(scalar, to: &output) }
        let produced = output.count - outputStart
        let unchanged = produced == end - start && output[outputStart...].elementsEqual(bytes[start..<end])
        map.append(normalizedStart: outputStart, originalStart: start, verbatim: unchanged)
        cursor = end
    }

    /// Emits removed original bytes from the cursor up to `end` as an empty segment.
    private mutating func emitRemoval(upTo end: Int) {
        guard end > cursor else { return }
        map.append(normalizedStart: output.count, originalStart: cursor, verbatim: false)
        cursor = end
    }

    // MARK: Regions

    private mutating func processRegion(_ region: Range<Int>) {
        kept.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        var i = region.lowerBound
        while i < region.upperBound {
            let (scalar, length) = Self.decode(bytes, at: i)
            defer { i += length }
            switch Homoglyphs.classify(scalar, options: options) {
            case .remove:
                continue
            case .keep:
                if options.contains(.removeZeroWidth), Homoglyphs.isMark(scalar), let last = kept.last,
                    last.properties.numericType != nil
                {
                    continue  // a mark on a digit or number sign of any script (see `Homoglyphs.isMark`)
                }
                kept.append(scalar)
            case .replace(let replacement):
                kept.append(replacement)
            }
            starts.append(i)
            ends.append(i + length)
        }
        // Split the kept scalars into chunks at normalization boundaries: a chunk starts at a
        // scalar that can never combine with what precedes it, so NFKC works chunk by chunk.
        var k = 0
        while k < kept.count {
            var m = k + 1
            while m < kept.count && Homoglyphs.mayComposeWithPrevious(kept[m]) { m += 1 }
            emitChunk(k..<m)
            k = m
        }
        emitRemoval(upTo: region.upperBound)
    }

    private mutating func emitChunk(_ range: Range<Int>) {
        let fold = options.contains(.foldHomoglyphs)
        let first = kept[range.lowerBound]
        let needsNFKC = options.contains(.nfkc)
            && (range.count > 1 || Homoglyphs.mayChangeUnderNFKC(first))
        guard needsNFKC else {
            // Every scalar of the chunk on its own (without NFKC a chunk may hold several: a
            // letter and its marks, which were dropped after the first before 2026-12-02).
            for index in range {
                let scalar = kept[index]
                let start = starts[index]
                let end = ends[index]
                let folded = fold ? Homoglyphs.fold(scalar) : scalar
                if folded == scalar, end - start == Self.utf8Length(scalar) {
                    // Unchanged (not a decoded tag either): copy the original bytes.
                    emitRemoval(upTo: start)
                    emitVerbatim(upTo: end)
                } else {
                    emit(start: start, end: end, scalars: CollectionOfOne(folded))
                }
            }
            return
        }
        let whole = NFKCCache.normalize(kept[range], fold: fold)
        if range.count > 1 {
            // Map scalar by scalar when that gives the same text: the tightest map.
            let pieces = range.map { NFKCCache.normalize(kept[$0..<($0 + 1)], fold: fold) }
            if pieces.joined().elementsEqual(whole) {
                for (offset, index) in range.enumerated() {
                    emit(start: starts[index], end: ends[index], scalars: pieces[offset])
                }
                return
            }
        }
        emit(start: starts[range.lowerBound], end: ends[range.upperBound - 1], scalars: whole)
    }

    /// The UTF-8 length of a scalar.
    static func utf8Length(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0..<0x80: 1
        case 0x80..<0x800: 2
        case 0x800..<0x10000: 3
        default: 4
        }
    }

    /// Appends the UTF-8 encoding of `scalar`.
    static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        let v = scalar.value
        switch v {
        case 0..<0x80:
            output.append(UInt8(v))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | v >> 6))
            output.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | v >> 12))
            output.append(UInt8(0x80 | v >> 6 & 0x3F))
            output.append(UInt8(0x80 | v & 0x3F))
        default:
            output.append(UInt8(0xF0 | v >> 18))
            output.append(UInt8(0x80 | v >> 12 & 0x3F))
            output.append(UInt8(0x80 | v >> 6 & 0x3F))
            output.append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// Decodes the scalar starting at `i` in valid UTF-8.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(bytes[i])
        let length: Int
        var value: UInt32
        switch b0 {
        case 0..<0x80: return (Unicode.Scalar(UInt8(b0)), 1)
        case 0xC0..<0xE0: length = 2; value = b0 & 0x1F
        case 0xE0..<0xF0: length = 3; value = b0 & 0x0F
        default: length = 4; value = b0 & 0x07
        }
        for k in 1..<length where i + k < bytes.count {
            value = value << 6 | (UInt32(bytes[i + k]) & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
