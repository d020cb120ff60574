/// Random edits of a file's bytes for mutation tests of loaders: each call makes one edit, drawn
/// from the generator, so a seed replays the same hostile file.
public enum ByteMutation {
    /// One random edit of `bytes`: a cut of the tail, a duplicated span, a flipped byte, one of
    /// `tokens` inserted, a deleted span, or a line's indentation changed. Empty input becomes `{`.
    public static func mutate(_ bytes: [UInt8], tokens: [String], using random: inout SeededGenerator) -> [UInt8] {
        guard !bytes.isEmpty else { return Array("{".utf8) }
        var bytes = bytes
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<6, using: &random) {
        case 0: bytes.removeSubrange(at...)
        case 1:
            let end = min(bytes.count, at + Int.random(in: 1...80, using: &random))
            bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &random))
        case 2: bytes[at] = UInt8.random(in: 0...255, using: &random)
        case 3:
            guard !tokens.isEmpty else { break }
            bytes.insert(contentsOf: Array(tokens[Int.random(in: tokens.indices, using: &random)].utf8), at: at)
        case 4: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &random)))
        default:
            if let lineStart = bytes[..<at].lastIndex(of: 0x0A) { bytes.insert(contentsOf: [0x20, 0x20, 0x20], at: lineStart + 1) }
        }
        return bytes
    }
}
