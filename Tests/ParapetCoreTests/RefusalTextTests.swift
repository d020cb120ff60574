import ParapetTestSupport
import Testing

@testable import ParapetCore

/// The byte fold of ASCII answers must equal the Character fold it replaces, and both must find
/// the same refusals.
@Suite struct RefusalTextTests {
    static let pieces = [
        "I", "i", "I'm", "I\u{2019}m", "I\u{02BC}M", "can't", "CAN\u{2019}T", "cannot", "can not", "won't", "will", "not",
        "unable", "to", "help", "assist", "with", "that", "decline", "must", "As", "an", "AI", "language", "model,", "wait",
        "\u{201C}quoted\u{201D}", "\u{2018}single\u{2019}", "sorry.", "sure!", "why?", "42", "x'y", ",", ".", "-",
    ]
    static let gaps = [" ", "  ", "\n", "\r\n", "\t", " \r\n ", "\u{0B}", "\u{0C}", ""]

    /// Deterministic pseudo-random answers from the pieces above (fixed seed).
    static func answers(count: Int) -> [String] {
        var random = SeededGenerator(seed: 0x9E37_79B9_7F4A_7C15)
        return (0..<count).map { _ in
            var text = ""
            for _ in 0..<Int.random(in: 1...24, using: &random) {
                text += pieces[Int.random(in: pieces.indices, using: &random)] + gaps[Int.random(in: gaps.indices, using: &random)]
            }
            return text
        }
    }

    @Test func theByteFoldEqualsTheCharacterFold() throws {
        for answer in Self.answers(count: 3_000) {
            let (bytes, byteRanges) = try #require(RefusalText.foldBytes(answer))
            let (characters, characterRanges) = RefusalText.foldCharacters(answer)
            #expect(String(decoding: bytes, as: UTF8.self) == String(characters), "\(answer.debugDescription)")
            #expect(bytes.count == characters.count, "\(answer.debugDescription)")
            #expect(byteRanges == characterRanges, "\(answer.debugDescription)")
            let scanner = RefusalScanner()
            let inBytes = scanner.firstRefusal(
                in: bytes, outright: RefusalScanner.outrightBytes, inability: RefusalScanner.inabilityBytes)
            let inCharacters = scanner.firstRefusal(
                in: characters, outright: RefusalScanner.outrightCharacters, inability: RefusalScanner.inabilityCharacters)
            #expect(inBytes == inCharacters, "\(answer.debugDescription)")
        }
    }

    /// Searching word starts only finds what the search of every position finds, for every
    /// phrase, from every offset.
    @Test func theWordStartSearchEqualsTheFullSearch() throws {
        let phrases = RefusalScanner.outrightBytes + RefusalScanner.inabilityBytes + [Array("'m".utf8), Array("t help".utf8)]
        var compared = 0
        for answer in Self.answers(count: 600) {
            let (bytes, _) = try #require(RefusalText.foldBytes(answer))
            let starts = RefusalText.wordStarts(in: bytes)
            for phrase in phrases {
                for from in stride(from: 0, through: bytes.count, by: 3) {
                    let full = RefusalText.find(phrase, in: bytes, from: from)
                    #expect(RefusalText.find(phrase, in: bytes, from: from, wordStarts: starts) == full, "\(answer.debugDescription)")
                    if full != nil { compared += 1 }
                }
            }
        }
        #expect(compared > 100)
    }

    @Test(arguments: ["Ich kann nicht helfen, Jürgen.", "I can\u{301}t help", "naïve", "I can't help 🙂", "\u{0085}x"])
    func otherTextsTakeTheCharacterFold(answer: String) {
        #expect(RefusalText.foldBytes(answer) == nil)
        if case .characters = RefusalText(answer).units {} else { Issue.record("expected the Character fold") }
    }

    @Test func someGeneratedAnswersAreRefusals() {
        let scanner = RefusalScanner()
        let refusals = Self.answers(count: 3_000).filter {
            (scanner.scan(ScanInput(text: $0, direction: .output)).scores["refusal"] ?? 0) > 0
        }
        #expect(refusals.count > 10)
        #expect(refusals.count < 2_900)
    }
}
