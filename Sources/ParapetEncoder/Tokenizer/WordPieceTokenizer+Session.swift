import Foundation

extension WordPieceTokenizer {
    /// One call's working state: normalized scalars, the current word and the output ids.
    struct Session {
        let tokenizer: WordPieceTokenizer
        var output: [Int32] = []
        var word: [Unicode.Scalar] = []
        var key: [UInt8] = []

        init(tokenizer: WordPieceTokenizer) { self.tokenizer = tokenizer }

        /// Splits out added tokens, then normalizes, pre-tokenizes and WordPieces the rest.
        mutating func run(_ text: String) -> [Int32] {
            guard !tokenizer.added.isEmpty else {
                runSegment(text)
                return output
            }
            let bytes = Array(text.utf8)
            var segmentStart = 0, i = 0
            outer: while i < bytes.count {
                for (token, id) in tokenizer.added where bytes[i] == token[0] && i + token.count <= bytes.count
                    && bytes[i..<(i + token.count)].elementsEqual(token) {
                    runSegment(String(decoding: bytes[segmentStart..<i], as: UTF8.self))
                    output.append(id)
                    i += token.count
                    segmentStart = i
                    continue outer
                }
                i += 1
            }
            runSegment(String(decoding: bytes[segmentStart...], as: UTF8.self))
            return output
        }

        /// Normalize, pre-tokenize and WordPiece a text without added tokens.
        mutating func runSegment(_ text: String) {
            guard !text.isEmpty else { return }
            for s in normalize(text) {
                if BertCharTables.whitespace.containsScalar(s.value) || s == " " {
                    flushWord()
                } else if BertCharTables.punctuation.containsScalar(s.value) {
                    flushWord()
                    word.append(s)
                    flushWord()
                } else {
                    word.append(s)
                }
            }
            flushWord()
        }

        /// clean_text → Chinese spacing → strip accents → lowercase, as BertNormalizer orders them.
        func normalize(_ text: String) -> [Unicode.Scalar] {
            let o = tokenizer.options
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(text.unicodeScalars.count)
            for s in text.unicodeScalars {
                if o.cleanText {
                    if BertCharTables.removed.containsScalar(s.value) || s.value == 0 || s.value == 0xFFFD { continue }
                    if BertCharTables.whitespace.containsScalar(s.value) { scalars.append(" "); continue }
                }
                if o.handleChineseChars && Self.isChinese(s.value) {
                    scalars.append(" "); scalars.append(s); scalars.append(" ")
                } else {
                    scalars.append(s)
                }
            }
            if o.stripAccents ?? o.lowercase {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars)
                let nfd = String(view).decomposedStringWithCanonicalMapping
                scalars = nfd.unicodeScalars.filter { !BertCharTables.accentMarks.containsScalar($0.value) }
            }
            if o.lowercase {
                var lowered: [Unicode.Scalar] = []
                lowered.reserveCapacity(scalars.count)
                for s in scalars {
                    if s.isASCII {
                        lowered.append(s.value >= 65 && s.value <= 90 ? Unicode.Scalar(UInt8(s.value + 32)) : s)
                    } else {
                        lowered.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
                    }
                }
                scalars = lowered
            }
            return scalars
        }

        /// Greedy longest-match-first WordPiece of the current word.
        mutating func flushWord() {
            defer { word.removeAll(keepingCapacity: true) }
            guard !word.isEmpty else { return }
            guard word.count <= tokenizer.options.maxInputCharsPerWord else {
                output.append(tokenizer.unkId)
                return
            }
            // UTF-8 bytes of the word and the byte offset of every scalar boundary.
            var bytes: [UInt8] = []
            var bounds: [Int] = [0]
            for s in word {
                bytes.append(contentsOf: Array(String(s).utf8))
                bounds.append(bytes.count)
            }
            let mark = output.count
            var start = 0
            while start < word.count {
                var end = word.count
                var found: Int32?
                while end > start {
                    key.removeAll(keepingCapacity: true)
                    if start > 0 { key.append(contentsOf: tokenizer.prefix) }
                    key.append(contentsOf: bytes[bounds[start]..<bounds[end]])
                    if let id = tokenizer.vocabulary.ids[key] { found = id; break }
                    end -= 1
                }
                guard let id = found else {
                    output.removeSubrange(mark...)
                    output.append(tokenizer.unkId)
                    return
                }
                output.append(id)
                start = end
            }
        }

        /// The CJK ideograph blocks the reference tokenizer isolates.
        static func isChinese(_ v: UInt32) -> Bool {
            (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2A6DF).contains(v)
                || (0x2A700...0x2B73F).contains(v) || (0x2B740...0x2B81F).contains(v) || (0x2B920...0x2CEAF).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0x2F800...0x2FA1F).contains(v)
        }
    }
}

extension [ClosedRange<UInt32>] {
    /// Binary search in sorted, disjoint ranges.
    func containsScalar(_ v: UInt32) -> Bool {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid].upperBound < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < count && self[lo].contains(v)
    }
}
