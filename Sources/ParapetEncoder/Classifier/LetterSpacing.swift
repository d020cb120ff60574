/// Undoes letter spacing ("S a y  t h a t" → "Say that") before a classifier's encoder reads a
/// text: the manifest's `text_transforms: ["collapse_letter_spacing"]`.
///
/// A run is at least ``minimumLength`` single ASCII letters or digits separated by 1–3 spaces, with
/// no ASCII letter or digit just before or after it. Inside a run, single spaces are dropped and
/// gaps of two or more spaces become one. The recipe's `common.collapse_letter_spacing` is the same
/// rule as a regular expression; both read ASCII only, so they agree byte for byte.
enum LetterSpacing {
    /// The fewest letters or digits a run needs.
    static let minimumLength = 6
    /// The most spaces between two letters of one run.
    static let maximumGap = 3

    /// `text` with every letter-spaced run collapsed (the same string when there is none).
    static func collapse(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var changed = false
        var i = 0
        while i < bytes.count {
            guard isAlphanumeric(bytes[i]), i == 0 || !isAlphanumeric(bytes[i - 1]),
                  let letters = run(in: bytes, from: i) else {
                out.append(bytes[i])
                i += 1
                continue
            }
            // Letters of the run, with a gap of 2+ spaces before a letter marking a word break.
            for (n, position) in letters.enumerated() {
                if n > 0, position - letters[n - 1] > 2 { out.append(0x20) }
                out.append(bytes[position])
            }
            changed = true
            i = letters[letters.count - 1] + 1
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    /// The positions of the run's letters starting at `start`, or nil when it is too short. The
    /// chain of single letters is taken as far as it goes; its last letter must not be followed by
    /// another letter or digit (the start of an ordinary word), else it is left out.
    private static func run(in bytes: [UInt8], from start: Int) -> [Int]? {
        var letters = [start]
        var p = start + 1
        while true {
            var q = p
            while q < bytes.count, bytes[q] == 0x20, q - p < maximumGap { q += 1 }
            guard q > p, q < bytes.count, isAlphanumeric(bytes[q]) else { break }
            letters.append(q)
            p = q + 1
            if p < bytes.count, isAlphanumeric(bytes[p]) { break }
        }
        if let last = letters.last, last + 1 < bytes.count, isAlphanumeric(bytes[last + 1]) {
            letters.removeLast()
        }
        return letters.count >= minimumLength ? letters : nil
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
