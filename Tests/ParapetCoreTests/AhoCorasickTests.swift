import ParapetTestSupport
import Testing

@testable import ParapetCore

@Suite("AhoCorasick")
struct AhoCorasickTests {
    /// The matched substrings with their pattern indices.
    static func found(_ ac: AhoCorasick, _ text: String, _ kind: AhoCorasick.MatchKind = .leftmostLongest) -> [String] {
        ac.matches(in: text, kind: kind).map { "\($0.patternIndex):\(text.bytes($0.range))" }
    }

    @Test("Overlapping patterns: all matches and leftmost-longest")
    func overlapping() {
        let ac = AhoCorasick(patterns: ["he", "she", "his", "hers"])
        #expect(Self.found(ac, "ushers", .all) == ["1:she", "0:he", "3:hers"])
        #expect(Self.found(ac, "ushers") == ["1:she"])
        #expect(Self.found(ac, "hishers") == ["2:his", "3:hers"])
        #expect(ac.matches(in: "ushers", kind: .all).map(\.range) == [1..<4, 2..<4, 2..<6])
    }

    @Test("Leftmost-longest prefers the longest at the leftmost start")
    func leftmostLongest() {
        let ac = AhoCorasick(patterns: ["abc", "abcd", "bcde", "e"])
        #expect(Self.found(ac, "abcde") == ["1:abcd", "3:e"])
        let nested = AhoCorasick(patterns: ["a", "aa", "aaa"])
        #expect(Self.found(nested, "aaaaa") == ["2:aaa", "1:aa"])
        #expect(nested.matches(in: "aaaaa", kind: .all).count == 5 + 4 + 3)
    }

    @Test("Duplicate patterns: the lower index wins in leftmost-longest, both in all")
    func duplicates() {
        let ac = AhoCorasick(patterns: ["Foo", "foo"])
        #expect(Self.found(ac, "a FOO") == ["0:FOO"])
        #expect(Self.found(ac, "a FOO", .all) == ["0:FOO", "1:FOO"])
    }

    @Test("Case-insensitive by default, case-sensitive on request")
    func caseHandling() {
        let insensitive = AhoCorasick(patterns: ["Secret", "PASSWORD"])
        #expect(Self.found(insensitive, "my sEcReT password") == ["0:sEcReT", "1:password"])
        let sensitive = AhoCorasick(patterns: ["Secret"], caseInsensitive: false)
        #expect(Self.found(sensitive, "secret Secret SECRET") == ["0:Secret"])
    }

    @Test("Whole-word boundaries")
    func boundaries() {
        let ac = AhoCorasick(patterns: ["cat", "c++", "#tag"], wholeWords: true)
        #expect(Self.found(ac, "concatenate cat, cats, (cat) 9cat") == ["0:cat", "0:cat"])
        #expect(Self.found(ac, "I like c++x and a#tag") == ["1:c++", "2:#tag"])
        #expect(Self.found(ac, "écat catá cat_") == ["0:cat"])  // letters around block; _ does not
        let loose = AhoCorasick(patterns: ["cat"])
        #expect(loose.matches(in: "concatenate").count == 1)
    }

    @Test("Whole-word boundaries do not let a rejected long match hide a short one")
    func boundaryThenSelect() {
        let ac = AhoCorasick(patterns: ["new york", "new"], wholeWords: true)
        #expect(Self.found(ac, "new yorker") == ["1:new"])
    }

    @Test("Non-ASCII text and patterns", arguments: [
        ("Straße", "Die STRASSE und die straße und STRAẞE", ["0:straße", "0:STRAẞE"]),
        ("école", "L'ÉCOLE, l'école, l'Ecole", ["0:ÉCOLE", "0:école"]),
        ("ΣΟΦΙΑ", "σοφια σοφιας ΣΟΦΊΑ", ["0:σοφια"]),
        ("кот", "КОТ и кот и котик", ["0:КОТ", "0:кот"]),
        ("日本", "東京は日本の首都", ["0:日本"]),
        ("日本語", "日本語で", ["0:日本語"]),
        ("한국", "한국어 한국", ["0:한국"]),
        ("k", "\u{212A}ilo", ["0:\u{212A}"]),
    ])
    func nonASCII(pattern: String, text: String, expected: [String]) {
        let ac = AhoCorasick(patterns: [pattern], wholeWords: pattern != "k")
        #expect(Self.found(ac, text) == expected)
    }

    @Test("Ranges index the original bytes after length-changing folds")
    func offsetsAfterFolding() {
        // Kelvin sign (3 bytes) folds to k (1 byte): offsets after it must stay original.
        let text = "\u{212A}\u{212A} ÉCOLE x"
        let ac = AhoCorasick(patterns: ["école", "x"])
        let matches = ac.matches(in: text)
        #expect(matches.map(\.range) == [7..<13, 14..<15])
        #expect(matches.map { text.bytes($0.range) } == ["ÉCOLE", "x"])
    }

    @Test("Empty pattern list and empty patterns never match")
    func empty() {
        #expect(AhoCorasick(patterns: []).matches(in: "anything").isEmpty)
        #expect(AhoCorasick(patterns: [""]).matches(in: "anything").isEmpty)
        #expect(Self.found(AhoCorasick(patterns: ["", "y"]), "anything") == ["1:y"])
        #expect(AhoCorasick(patterns: ["a"]).matches(in: "").isEmpty)
    }

    @Test("Ten thousand patterns, dense and sparse tables agree with a naive search")
    func manyPatterns() {
        var rng = SeededGenerator(seed: 0xAC_0010)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzéß")
        let patterns = (0..<10_000).map { _ in
            String((0..<Int.random(in: 3...9, using: &rng)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
        }
        let text = String((0..<20_000).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
        let dense = AhoCorasick(patterns: patterns, caseInsensitive: false)
        let sparse = AhoCorasick(patterns: patterns, caseInsensitive: false, wholeWords: false, denseCellLimit: 0)
        #expect(dense.isDense && !sparse.isDense)
        #expect(dense.stateCount > 10_000)

        // Naive reference: look every substring of up to 18 bytes up in a table of the patterns.
        let bytes = Array(text.utf8)
        var table: [[UInt8]: [Int]] = [:]
        for (index, pattern) in patterns.enumerated() { table[Array(pattern.utf8), default: []].append(index) }
        var expected: Set<AhoCorasick.Match> = []
        for start in bytes.indices {
            for end in (start + 1)...min(bytes.count, start + 18) {
                for index in table[Array(bytes[start..<end])] ?? [] {
                    expected.insert(AhoCorasick.Match(patternIndex: index, range: start..<end))
                }
            }
        }
        for automaton in [dense, sparse] {
            let all = automaton.matches(in: text, kind: .all)
            #expect(Set(all) == expected)
            #expect(all.count == expected.count)
            #expect(!expected.isEmpty)
        }
    }

    @Test("Leftmost-longest output never overlaps and is sorted (seeded)")
    func selectionProperty() {
        var rng = SeededGenerator(seed: 0xAC_0011)
        for _ in 0..<200 {
            let patterns = (0..<Int.random(in: 1...12, using: &rng)).map { _ in RandomText.make(using: &rng, maxPieces: 3) }
            let ac = AhoCorasick(patterns: patterns, wholeWords: Bool.random(using: &rng))
            let text = RandomText.make(using: &rng, maxPieces: 40)
            let matches = ac.matches(in: text)
            for (a, b) in zip(matches, matches.dropFirst()) { #expect(a.range.upperBound <= b.range.lowerBound) }
            for match in matches + ac.matches(in: text, kind: .all) {
                #expect(text.isScalarBoundary(match.range.lowerBound) && text.isScalarBoundary(match.range.upperBound))
                #expect(match.range.upperBound <= text.utf8.count && !match.range.isEmpty)
            }
        }
    }
}
