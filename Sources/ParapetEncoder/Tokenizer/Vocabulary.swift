import Foundation

/// An immutable WordPiece vocabulary: token bytes ↔ ids, plus the special tokens.
///
/// Tokens are keyed by their UTF-8 bytes, not by `String`, because Swift compares strings by
/// canonical equivalence while the reference tokenizer compares bytes.
public struct Vocabulary: Sendable {
    /// Token text by id.
    public let tokens: [String]
    let ids: [[UInt8]: Int32]

    /// Builds a vocabulary from token texts in id order.
    public init(tokens: [String]) {
        self.tokens = tokens
        var ids: [[UInt8]: Int32] = [:]
        ids.reserveCapacity(tokens.count)
        for (i, t) in tokens.enumerated() where ids[Array(t.utf8)] == nil {
            ids[Array(t.utf8)] = Int32(i)
        }
        self.ids = ids
    }

    /// The id of a token text, if present.
    public func id(_ token: String) -> Int32? { ids[Array(token.utf8)] }

    /// Reads `vocab.txt`: one token a line, id = line number.
    public static func load(vocabTxt path: String) throws(EncoderError) -> Vocabulary {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw EncoderError(.badTokenizer, "cannot read vocab.txt as UTF-8", path: path)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else {
            throw EncoderError(.badTokenizer, "vocab.txt is empty", path: path)
        }
        return Vocabulary(tokens: lines)
    }
}
