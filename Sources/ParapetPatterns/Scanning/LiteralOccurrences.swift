/// Every occurrence of every literal of a ``LiteralTable`` in one text, in ascending order per
/// literal, collected during the profiling pass so that restricted searches on long texts
/// never walk the text again per pattern.
struct LiteralOccurrences {
    /// Occurrence starts, grouped by literal: literal `i` has `starts[offsets[i]..<offsets[i + 1]]`.
    private let starts: [Int]
    private let offsets: [Int]

    /// The first occurrence of `literal` at or after `index` in its list, and its start; the
    /// list index lets a caller that only moves forward resume there.
    func first(_ literal: Int, atOrAfter position: Int, resumingAt index: Int) -> (index: Int, start: Int)? {
        var slot = max(index, offsets[literal])
        let end = offsets[literal + 1]
        while slot < end, starts[slot] < position { slot += 1 }
        return slot < end ? (slot, starts[slot]) : nil
    }

    /// Collects (literal, start) pairs in text order, then groups them by literal.
    struct Builder {
        private var literalOf: [Int32] = []
        private var startOf: [Int] = []
        private var counts: [Int]

        init(literals: Int) {
            counts = [Int](repeating: 0, count: literals)
        }

        /// Records that `literal` occurs at `start`; each literal's starts must come in ascending order.
        mutating func append(_ literal: Int, at start: Int) {
            literalOf.append(Int32(literal))
            startOf.append(start)
            counts[literal] += 1
        }

        /// Groups the occurrences by literal (a counting sort, which keeps each list ascending).
        func build() -> LiteralOccurrences {
            var offsets = [Int](repeating: 0, count: counts.count + 1)
            for (literal, count) in counts.enumerated() { offsets[literal + 1] = offsets[literal] + count }
            var next = offsets
            var starts = [Int](repeating: 0, count: startOf.count)
            for (literal, start) in zip(literalOf, startOf) {
                starts[next[Int(literal)]] = start
                next[Int(literal)] += 1
            }
            return LiteralOccurrences(starts: starts, offsets: offsets)
        }
    }
}

/// Where the profiling pass reports each literal occurrence it finds.
protocol OccurrenceCollector {
    /// Records that `literal` occurs at `start`.
    mutating func append(_ literal: Int, at start: Int)
}

extension LiteralOccurrences.Builder: OccurrenceCollector {}

/// Collects nothing: short texts need only each literal's first and last positions, which the
/// profile keeps.
struct FirstAndLastOnly: OccurrenceCollector {
    func append(_ literal: Int, at start: Int) {}
}
