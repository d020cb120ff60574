import Foundation

/// Hashed byte n-gram features of a text: the lexical view a ``LexicalModel`` scores beside the
/// encoder.
///
/// The recipe (`classifiers/training/ngram.py`) computes exactly the same vector:
/// 1. the text's UTF-8 bytes, ASCII `A`–`Z` lowercased (other bytes untouched), every run of ASCII
///    whitespace (space, tab, LF, CR, FF, VT) replaced by one space, one space added at each end;
/// 2. every byte n-gram for each n in ``sizes`` (overlapping, every start position);
/// 3. bucket = FNV-1a 32-bit hash of the n-gram's bytes, masked to ``bits`` bits;
/// 4. per bucket `1 + ln(count)`, times `idf[bucket]` when an idf vector is given, then the
///    whole vector scaled to unit length.
///
/// Pure: no I/O, no state. Safe to share between threads.
public struct HashedNgramFeatures: Sendable, Hashable {
    /// The n-gram lengths in bytes (each 1...16).
    public let sizes: [Int]
    /// log2 of the number of buckets (1...24).
    public let bits: Int

    /// One nonzero component of the feature vector.
    public struct Component: Sendable, Hashable {
        /// The bucket (0 ..< 2^bits).
        public var bucket: Int
        /// Its value in the unit-length vector.
        public var value: Float
    }

    /// Creates a featurizer; `nil` when a size or the bit count is out of range.
    public init?(sizes: [Int], bits: Int) {
        guard !sizes.isEmpty, sizes.allSatisfy({ (1...16).contains($0) }), (1...24).contains(bits) else { return nil }
        self.sizes = sizes
        self.bits = bits
    }

    /// The number of buckets, 2^bits.
    public var bucketCount: Int { 1 << bits }

    /// The normalised bytes the n-grams are cut from (step 1 above): `"  Hi\t"` becomes `"  hi  "`
    /// (each whitespace run is one space, then the two pads).
    public static func normalizedBytes(_ text: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = [0x20]
        out.reserveCapacity(text.count + 2)
        var inSpace = false
        for byte in text {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B:
                if !inSpace { out.append(0x20) }
                inSpace = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                out.append(byte | 0x20)
                inSpace = false
            default:
                out.append(byte)
                inSpace = false
            }
        }
        out.append(0x20)
        return out
    }

    /// The unit-length feature vector of `text`'s UTF-8 bytes, sorted by bucket, zeros left out.
    /// `idf`, when given, has ``bucketCount`` entries.
    public func components(of text: some Collection<UInt8>, idf: [Float]? = nil) -> [Component] {
        // One copy into concrete storage, so the loops below never run through the generic
        // collection's witness table (a caller in another module is not specialised).
        let contiguous = Array(text)
        return contiguous.withUnsafeBufferPointer { components(ofBuffer: $0, idf: idf) }
    }

    /// ``components(of:idf:)`` on contiguous bytes.
    func components(ofBuffer text: UnsafeBufferPointer<UInt8>, idf: [Float]?) -> [Component] {
        let bytes = Self.normalizedBytes(text)
        var buckets: [UInt32] = []
        buckets.reserveCapacity(bytes.count * sizes.count)
        let mask = UInt32(bucketCount - 1)
        bytes.withUnsafeBufferPointer { b in
            for n in sizes where b.count >= n {
                for start in 0...(b.count - n) {
                    var hash: UInt32 = 2_166_136_261
                    for i in start..<(start + n) {
                        hash = (hash ^ UInt32(b[i])) &* 16_777_619
                    }
                    buckets.append(hash & mask)
                }
            }
        }
        buckets.sort()
        var out: [Component] = []
        var sumOfSquares: Double = 0
        var i = 0
        while i < buckets.count {
            var j = i + 1
            while j < buckets.count, buckets[j] == buckets[i] { j += 1 }
            let bucket = Int(buckets[i])
            var value = 1 + Foundation.log(Double(j - i))
            if let idf { value *= Double(idf[bucket]) }
            if value != 0 {
                out.append(Component(bucket: bucket, value: Float(value)))
                sumOfSquares += value * value
            }
            i = j
        }
        guard sumOfSquares > 0 else { return [] }
        let scale = Float(1 / sumOfSquares.squareRoot())
        for k in out.indices { out[k].value *= scale }
        return out
    }
}
