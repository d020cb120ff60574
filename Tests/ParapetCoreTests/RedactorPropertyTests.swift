import ParapetTestSupport
import Testing

@testable import ParapetCore

@Suite("Redactor properties (seeded)")
struct RedactorPropertyTests {
    static let iterations = 300
    static let operators: [RedactionOperator] = [
        .mask(), .mask(keepLast: 2, keepSeparators: true), .replace(), .replace(template: "[{category}]"),
        .hash(key: "k"), .pseudonymize, .remove,
    ]
    static let categories: [Category] = [.email, .phone, .person, .genericSecret]

    /// Random edits over `text`, with arbitrary (possibly scalar-splitting, out-of-bounds) ranges.
    static func randomEdits(_ text: String, using rng: inout SeededGenerator) -> [Redactor.Edit] {
        let count = text.utf8.count
        return (0..<Int.random(in: 0...6, using: &rng)).map { _ in
            let start = Int.random(in: 0...(count + 2), using: &rng)
            let end = start + Int.random(in: 0...12, using: &rng)
            let finding = Finding(
                scanner: "p", category: categories[Int.random(in: 0..<categories.count, using: &rng)],
                range: start..<end, score: Double.random(in: 0...1, using: &rng), rule: "r"
            )
            return Redactor.Edit(finding: finding, operator: operators[Int.random(in: 0..<operators.count, using: &rng)])
        }
    }

    /// The spans the redactor should rewrite, computed independently: ranges widened to scalar
    /// boundaries, clamped, then unioned where they overlap.
    static func expectedSpans(_ text: String, _ edits: [Redactor.Edit]) -> [Range<Int>] {
        let count = text.utf8.count
        let ranges = edits.compactMap { edit -> Range<Int>? in
            var lower = min(count, max(0, edit.finding.range.lowerBound))
            var upper = min(count, max(lower, edit.finding.range.upperBound))
            while !text.isScalarBoundary(lower) { lower -= 1 }
            while !text.isScalarBoundary(upper) { upper += 1 }
            return lower < upper ? lower..<upper : nil
        }.sorted { $0.lowerBound < $1.lowerBound }
        var spans: [Range<Int>] = []
        for range in ranges {
            if let last = spans.last, last.upperBound > range.lowerBound {
                spans[spans.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                spans.append(range)
            }
        }
        return spans
    }

    @Test("Text outside findings is never touched")
    func outsideUntouched() {
        var rng = SeededGenerator(seed: 0x2EDA_0001)
        for _ in 0..<Self.iterations {
            let text = RandomText.make(using: &rng, maxPieces: 30)
            var edits = Self.randomEdits(text, using: &rng)
            for i in edits.indices { edits[i].operator = .replace(template: "\u{1}") }
            let output = Redactor().redact(text, edits: edits)
            // Rebuild the expectation: kept text between spans, one marker per span.
            var expected = ""
            var cursor = 0
            for span in Self.expectedSpans(text, edits) {
                expected += text.bytes(cursor..<span.lowerBound) + "\u{1}"
                cursor = span.upperBound
            }
            expected += text.bytes(cursor..<text.utf8.count)
            #expect(output == expected, "\(text.debugDescription)")
        }
    }

    @Test("Merged spans fall on scalar boundaries, in bounds, sorted and disjoint; merging is idempotent")
    func mergeInvariants() {
        var rng = SeededGenerator(seed: 0x2EDA_0002)
        for _ in 0..<Self.iterations {
            let text = RandomText.make(using: &rng, maxPieces: 30)
            let bytes = Array(text.utf8)
            let edits = Self.randomEdits(text, using: &rng)
            let merged = Redactor.merge(edits, byteCount: bytes.count, bytes: bytes)
            #expect(merged.map(\.finding.range) == Self.expectedSpans(text, edits))
            for edit in merged {
                #expect(text.isScalarBoundary(edit.finding.range.lowerBound) && text.isScalarBoundary(edit.finding.range.upperBound))
                #expect(edit.finding.range.upperBound <= bytes.count && !edit.finding.range.isEmpty)
            }
            for (a, b) in zip(merged, merged.dropFirst()) { #expect(a.finding.range.upperBound <= b.finding.range.lowerBound) }
            #expect(Redactor.merge(merged, byteCount: bytes.count, bytes: bytes) == merged)
            // Every operator yields valid text: no replacement characters appear from cut scalars.
            let output = Redactor().redact(text, edits: edits)
            #expect(!output.unicodeScalars.contains("\u{FFFD}"))
        }
    }

    @Test("Redacting twice equals once: redacted values are gone, so a second pass changes nothing")
    func twiceEqualsOnce() {
        var rng = SeededGenerator(seed: 0x2EDA_0003)
        // Values that the filler text can never produce (the filler has no digits after '#').
        let values = ["#1001@mail", "#2002-card", "#3003 ünï", "#4004😀"]
        for _ in 0..<Self.iterations {
            var text = ""
            var edits: [Redactor.Edit] = []
            for _ in 0..<Int.random(in: 1...5, using: &rng) {
                text += RandomText.make(using: &rng, maxPieces: 6) + " "
                let value = values[Int.random(in: 0..<values.count, using: &rng)]
                let start = text.utf8.count
                text += value
                let finding = Finding(
                    scanner: "p", category: Self.categories[Int.random(in: 0..<Self.categories.count, using: &rng)],
                    range: start..<(start + value.utf8.count), score: 0.9, rule: "r"
                )
                let op = Self.operators.filter { $0 != .remove }[Int.random(in: 0..<(Self.operators.count - 1), using: &rng)]
                edits.append(Redactor.Edit(finding: finding, operator: op))
            }
            text += " " + RandomText.make(using: &rng, maxPieces: 6)
            let redactor = Redactor()
            let once = redactor.redact(text, edits: edits, conversation: "c")
            // Re-find the values in the redacted text: there are none…
            let refound = values.flatMap { value in
                let bytes = Array(once.utf8), pattern = Array(value.utf8)
                return bytes.indices.filter { bytes[$0...].starts(with: pattern) }
            }
            #expect(refound.isEmpty, "\(once.debugDescription)")
            // …so the second pass has no edits and leaves the text as it is.
            #expect(redactor.redact(once, edits: [], conversation: "c") == once)
            // Pseudonyms restore the original exactly.
            let pseudonymized = redactor.redact(text, edits: edits.map { Redactor.Edit(finding: $0.finding, operator: .pseudonymize) }, conversation: "p")
            #expect(redactor.vault.restore(pseudonymized, conversation: "p") == text)
        }
    }
}
