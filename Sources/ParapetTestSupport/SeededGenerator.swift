/// A small deterministic random number generator (SplitMix64) for property tests: the same seed
/// gives the same sequence on every run and platform, so a failing case can be replayed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Starts the sequence at `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` strings of 0 to `maxLength` characters drawn from `alphabet` (not empty), the same
    /// for the same seed.
    public static func texts(seed: UInt64, from alphabet: [Character], count: Int, maxLength: Int) -> [String] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 0...maxLength, using: &random)
            return String((0..<length).map { _ in alphabet[Int.random(in: alphabet.indices, using: &random)] })
        }
    }
}
