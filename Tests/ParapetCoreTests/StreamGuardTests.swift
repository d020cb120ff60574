import Synchronization
import ParapetTestSupport
import Testing

@testable import ParapetCore

/// A tiny local policy for stream tests: a run of non-space bytes containing `@` is an e-mail
/// (replaced by `<EMAIL>`), the token `BLOCKME` blocks. Every finding is shorter than the holdback.
enum TokenPolicy {
    static func evaluate(_ text: String) -> Decision {
        let bytes = Array(text.utf8)
        var findings: [Finding] = []
        var blocked = false
        var start = 0
        func close(_ end: Int) {
            guard end > start else { return }
            let token = bytes[start..<end]
            if token.contains(UInt8(ascii: "@")) {
                findings.append(Finding(scanner: "test", category: .email, range: start..<end, score: 1, rule: "email"))
            }
            if Array(token) == Array("BLOCKME".utf8) { blocked = true }
        }
        for (index, byte) in bytes.enumerated() where StreamCut.isSpace(byte) {
            close(index)
            start = index + 1
        }
        close(bytes.count)
        if blocked { return Decision(action: .block, text: nil, message: "blocked", findings: findings) }
        guard !findings.isEmpty else { return Decision(action: .allow, text: text) }
        var output: [UInt8] = []
        var copied = 0
        for finding in findings {
            output.append(contentsOf: bytes[copied..<finding.range.lowerBound])
            output.append(contentsOf: "<EMAIL>".utf8)
            copied = finding.range.upperBound
        }
        output.append(contentsOf: bytes[copied...])
        return Decision(action: .rewrite, text: String(decoding: output, as: UTF8.self), findings: findings)
    }
}

/// Random streamed answers and random chunkings of them.
enum StreamText {
    static let words = [
        "the", "answer", "is", "jane.doe@corp.example", "a@b.co", "日本語", "café", "👨‍👩‍👧", "e\u{301}",
        "<EMAIL_1>", "x", "longerwordwithoutspaces", "\n", "🇫🇷🇫🇷", "ok.", "mail:bob@x.example",
    ]

    static func make(using rng: inout SeededGenerator, words count: Int) -> String {
        (0..<count).map { _ in words[Int.random(in: 0..<words.count, using: &rng)] }
            .joined(separator: Bool.random(using: &rng) ? " " : "  ")
    }

    /// Splits `text` into chunks at random scalar boundaries (sizes 1…max bytes).
    static func chunks(of text: String, using rng: inout SeededGenerator, max: Int) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var result: [String] = []
        var index = 0
        while index < scalars.count {
            let size = Int.random(in: 1...max, using: &rng)
            let end = min(scalars.count, index + size)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[index..<end])
            result.append(String(view))
            index = end
        }
        return result
    }

    static func stream(_ chunks: [String], holdback: Int, step: Int = 8) -> (String, Bool) {
        var guardian = StreamGuard(holdback: holdback, step: step) { TokenPolicy.evaluate($0) }
        var out = ""
        for chunk in chunks {
            let step = guardian.append(chunk)
            out += step.text
            if step.blocked != nil { return (out, true) }
        }
        let last = guardian.finish()
        return (out + last.text, last.blocked != nil)
    }
}

@Suite("StreamGuard (seeded properties)")
struct StreamGuardTests {
    @Test("For any chunking, the streamed output equals the policy's output on the whole text")
    func anyChunkingMatchesWholeText() {
        var rng = SeededGenerator(seed: 0x57EA_0001)
        for _ in 0..<300 {
            let text = StreamText.make(using: &rng, words: Int.random(in: 0...120, using: &rng))
            let whole = TokenPolicy.evaluate(text).text ?? ""
            let holdback = [16, 32, 64, 256][Int.random(in: 0..<4, using: &rng)]
            let chunks = StreamText.chunks(of: text, using: &rng, max: Int.random(in: 1...40, using: &rng))
            let (streamed, blocked) = StreamText.stream(chunks, holdback: max(holdback, 32))
            #expect(!blocked)
            #expect(streamed == whole, "holdback \(holdback): \(text.debugDescription)")
        }
    }

    @Test("An e-mail split at every byte position is still redacted")
    func splitAtEveryPosition() {
        let text = String(repeating: "filler words here ", count: 30) + "write to jane.doe@corp.example today"
            + String(repeating: " and more", count: 20)
        let expected = TokenPolicy.evaluate(text).text ?? ""
        let scalars = Array(text.unicodeScalars)
        for split in 1..<scalars.count {
            var head = String.UnicodeScalarView(), tail = String.UnicodeScalarView()
            head.append(contentsOf: scalars[..<split])
            tail.append(contentsOf: scalars[split...])
            let (streamed, _) = StreamText.stream([String(head), String(tail)], holdback: 64)
            #expect(streamed == expected, "split at \(split)")
            #expect(!streamed.contains("jane.doe"))
        }
    }

    @Test("A block anywhere ends the stream and emits nothing after it")
    func blockEndsStream() {
        var rng = SeededGenerator(seed: 0x57EA_0002)
        for _ in 0..<100 {
            let text = StreamText.make(using: &rng, words: 60) + " BLOCKME " + StreamText.make(using: &rng, words: 60)
            let chunks = StreamText.chunks(of: text, using: &rng, max: 12)
            let (streamed, blocked) = StreamText.stream(chunks, holdback: 48)
            #expect(blocked)
            #expect(!streamed.contains("BLOCKME"))
        }
    }

    @Test("Emitted text never ends inside a scalar and the summary shifts ranges into the whole text")
    func summaryRanges() {
        let text = String(repeating: "日本語 ", count: 40) + "a@b.co " + String(repeating: "👨‍👩‍👧 ", count: 30)
        var guardian = StreamGuard(holdback: 32, step: 4) { TokenPolicy.evaluate($0) }
        var out = ""
        for scalar in text.unicodeScalars { out += guardian.append(String(scalar)).text }
        out += guardian.finish().text
        #expect(out == TokenPolicy.evaluate(text).text)
        let summary = guardian.summary
        #expect(summary?.action == .rewrite)
        let range = summary?.findings.first?.range
        #expect(range.map { text.bytes($0) } == "a@b.co")
    }

    @Test("A placeholder is never split between two emitted pieces")
    func placeholderKeptWhole() {
        let text = String(repeating: "x", count: 200) + "<EMAIL_1>" + String(repeating: "y", count: 200)
        var guardian = StreamGuard(holdback: 16, step: 1) { Decision(action: .allow, text: $0) }
        var pieces: [String] = []
        for scalar in text.unicodeScalars { pieces.append(guardian.append(String(scalar)).text) }
        pieces.append(guardian.finish().text)
        #expect(pieces.joined() == text)
        #expect(pieces.contains { $0.contains("<EMAIL_1>") })
    }

    @Test("A finally evaluator runs once on the whole text; its scores join the summary")
    func finallyRunsOnceOnTheWholeText() {
        let calls = Mutex<[String]>([])
        var guardian = StreamGuard(holdback: 32, step: 8, evaluate: TokenPolicy.evaluate, finally: { whole in
            calls.withLock { $0.append(whole) }
            return Decision(action: .flag, text: whole, scores: ["toxicity": 0.9], flags: ["toxicity": true])
        })
        let text = String(repeating: "plain words and mail ann@corp.example here ", count: 8)
        var pieces: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: 5, limitedBy: text.endIndex) ?? text.endIndex
            pieces.append(guardian.append(String(text[index..<end])).text)
            index = end
        }
        #expect(calls.withLock { $0.isEmpty })
        pieces.append(guardian.finish().text)
        #expect(calls.withLock { $0 } == [text])
        #expect(pieces.joined() == TokenPolicy.evaluate(text).text)
        let summary = guardian.summary
        #expect(summary?.action == .rewrite)  // the windows rewrote the e-mails; the flag joins them
        #expect(summary?.scores["toxicity"] == 0.9 && summary?.flags["toxicity"] == true)
        #expect(summary?.findings.count == 8)
    }

    @Test("A finally evaluator that blocks withholds the last held-back text")
    func blockingFinallyWithholdsTheRest() {
        var guardian = StreamGuard(holdback: 32, step: 8, evaluate: TokenPolicy.evaluate, finally: { _ in
            Decision(action: .block, text: nil, message: "late block")
        })
        let first = guardian.append(String(repeating: "harmless text ", count: 6)).text
        let last = guardian.finish()
        #expect(!first.isEmpty)
        #expect(last.text.isEmpty && last.blocked?.message == "late block")
        #expect(guardian.isBlocked)
        #expect(guardian.append("more").text.isEmpty)
    }

    @Test("A finding longer than the holdback, one run of characters, is held back whole")
    func longRunHeldWhole() {
        let token = "key" + String(repeating: "a", count: 600) + "@corp.example"
        let text = String(repeating: "filler words here ", count: 10) + token + String(repeating: " and more", count: 10)
        for size in [1, 4, 37] {
            let chunks = stride(from: 0, to: text.utf8.count, by: size).map { start in
                String(decoding: Array(text.utf8)[start..<min(start + size, text.utf8.count)], as: UTF8.self)
            }
            let (streamed, _) = StreamText.stream(chunks, holdback: 32)
            #expect(streamed == TokenPolicy.evaluate(text).text, "chunk size \(size)")
            #expect(!streamed.contains("aaaa"), "chunk size \(size)")
        }
    }

    /// Finds PEM armour blocks (`-----BEGIN` to the end of the `-----END …-----` line) and
    /// replaces each with `<KEY>`, as the private-key pattern does.
    static func armourPolicy(_ text: String) -> Decision {
        guard let begin = text.firstRange(of: "-----BEGIN"), let end = text[begin.upperBound...].firstRange(of: "-----END"),
            let close = text[end.upperBound...].firstRange(of: "-----")
        else { return Decision(action: .allow, text: text) }
        let start = text.utf8.distance(from: text.startIndex, to: begin.lowerBound)
        let stop = text.utf8.distance(from: text.startIndex, to: close.upperBound)
        let finding = Finding(scanner: "test", category: .privateKey, range: start..<stop, score: 1, rule: "pem")
        let rewritten = String(text[..<begin.lowerBound]) + "<KEY>" + String(text[close.upperBound...])
        return Decision(action: .rewrite, text: rewritten, findings: [finding])
    }

    @Test("A PEM block longer than the holdback is held back until its END line")
    func armourBlockHeldWhole() {
        let body = (0..<30).map { line in String(repeating: Character(UnicodeScalar(65 + line % 26)!), count: 64) }.joined(separator: "\n")
        let text = "Here is the key:\n-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----\nKeep it safe."
        for size in [3, 50] {
            var guardian = StreamGuard(holdback: 64, step: 8) { Self.armourPolicy($0) }
            var streamed = ""
            var index = text.startIndex
            while index < text.endIndex {
                let end = text.index(index, offsetBy: size, limitedBy: text.endIndex) ?? text.endIndex
                streamed += guardian.append(String(text[index..<end])).text
                index = end
            }
            streamed += guardian.finish().text
            #expect(streamed == "Here is the key:\n<KEY>\nKeep it safe.", "chunk size \(size)")
        }
    }

    @Test("Text without ASCII runs streams at the holdback, spaces or not")
    func textOutsideASCIIStreams() {
        var guardian = StreamGuard(holdback: 32, step: 8) { TokenPolicy.evaluate($0) }
        let text = String(repeating: "日本語の文章です", count: 100)  // 2,400 bytes, no spaces
        var early = ""
        for character in text { early += guardian.append(String(character)).text }
        #expect(early.utf8.count > text.utf8.count - 32 - 8 - 64)
        #expect(early + guardian.finish().text == text)
    }

    @Test("Past maxHoldback a run without a break is cut")
    func runPastMaxHoldbackIsCut() {
        var guardian = StreamGuard(holdback: 32, step: 8, maxHoldback: 1_024) { TokenPolicy.evaluate($0) }
        let text = String(repeating: "x", count: 5_000)
        var early = ""
        for start in stride(from: 0, to: text.count, by: 10) { early += guardian.append(String(repeating: "x", count: min(10, 5_000 - start))).text }
        #expect(early.count >= 5_000 - 1_024 - 8)
        #expect(early + guardian.finish().text == text)
    }
}
