/// The profiling pass: one walk over a text's bytes that fills a ``TextProfile``.
extension LiteralTable {
    /// Profiles `text` in one pass; with `allOccurrences`, also records every occurrence of
    /// every literal (not only the first), for searches restricted to where matches can start.
    ///
    /// The loop reads one ``ByteInfo`` per byte; counting is a rarely taken branch, because a
    /// histogram of every byte makes each byte wait for the store of the previous equal byte.
    func profile(_ text: UnsafeBufferPointer<UInt8>, allOccurrences: Bool = false) -> TextProfile {
        if allOccurrences {
            var builder = LiteralOccurrences.Builder(literals: count)
            var profile = profile(text, collector: &builder)
            profile.occurrences = builder.build()
            return profile
        }
        var nothingMore = FirstAndLastOnly()
        return profile(text, collector: &nothingMore)
    }

    /// The profiling pass, specialised for each collector, so that the short-text loop carries no
    /// collecting code at all.
    private func profile<Collector: OccurrenceCollector>(
        _ text: UnsafeBufferPointer<UInt8>, collector found: inout Collector
    ) -> TextProfile {
        var positions = [Int](repeating: -1, count: count)
        var lastPositions = [Int](repeating: -1, count: count)
        var counts = [Int](repeating: 0, count: countSlots)
        var firsts = [Int](repeating: Int.max, count: countSlots)
        var lasts = [Int](repeating: -1, count: countSlots)
        var longest = 0
        positions.withUnsafeMutableBufferPointer { positions in
            lastPositions.withUnsafeMutableBufferPointer { lastPositions in
                counts.withUnsafeMutableBufferPointer { counts in
                    firsts.withUnsafeMutableBufferPointer { firsts in
                        lasts.withUnsafeMutableBufferPointer { lasts in
                            byteInfo.withUnsafeBufferPointer { info in
                                tripleBits.withUnsafeBufferPointer { tripleBits in
                                    let seen = SeenLiterals(first: positions, last: lastPositions)
                                    let slots = SlotPositions(counts: counts, firsts: firsts, lasts: lasts)
                                    longest = walk(text, info, tripleBits, seen, slots, &found)
                                }
                            }
                        }
                    }
                }
            }
        }
        var digits = 0
        var firstDigit = Int.max
        var lastDigit = -1
        for slot in 1...10 {
            digits += counts[slot]
            firstDigit = min(firstDigit, firsts[slot])
            lastDigit = max(lastDigit, lasts[slot])
        }
        return TextProfile(
            counts: counts, firsts: firsts, lasts: lasts, byteInfo: byteInfo, longestRun: longest,
            literalPositions: positions, literalLastPositions: lastPositions,
            digits: digits, firstDigit: firstDigit, lastDigit: lastDigit, occurrences: nil)
    }

    /// The loop of ``profile(_:allOccurrences:)``; returns the longest token run.
    ///
    /// At each byte the three bytes ending there are looked up in ``tripleBits``; a hit compares
    /// the literals starting two bytes back. The last pair, which no third byte follows, is
    /// looked up in ``pairBits`` after the loop.
    private func walk<Collector: OccurrenceCollector>(
        _ text: UnsafeBufferPointer<UInt8>, _ info: UnsafeBufferPointer<ByteInfo>, _ tripleBits: UnsafeBufferPointer<UInt64>,
        _ seen: SeenLiterals, _ slots: SlotPositions, _ found: inout Collector
    ) -> Int {
        var run = 0
        var longest = 0
        // The last three lower-cased bytes, the newest lowest: `(a << 16) | (b << 8) | c`.
        var window = 0
        // Bit k: the byte k + 1 back is alphanumeric. A word starts two bytes back unless the
        // byte three back (bit 2) is.
        var alphanumeric = 0
        for index in 0..<text.count {
            let byte = Int(text[index])
            let entry = info[byte]
            if entry.kind & 4 != 0 { note(entry, byte: byte, at: index, seen, slots, &found) }
            run = entry.kind & 1 != 0 ? run &+ 1 : 0
            longest = max(longest, run)
            window = (window << 8 | Int(entry.lower)) & 0xFF_FFFF
            if index >= 2 {
                let bucket = Self.tripleBucket(window)
                let word = 2 &* (bucket >> 6)
                // All ones at a word start, where word-bounded literals may start too.
                let wordStartMask = UInt64(truncatingIfNeeded: (alphanumeric >> 2 & 1) &- 1)
                let bits = tripleBits[word] | (tripleBits[word &+ 1] & wordStartMask)
                if bits & (1 << UInt64(bucket & 63)) != 0 { confirm(pair: window >> 8, at: index - 2, text, seen, &found) }
            }
            alphanumeric = alphanumeric << 1 | Int(entry.kind >> 1 & 1)
        }
        if text.count >= 2 {
            // The last pair: only a two-byte literal fits there.
            let pair = window & 0xFFFF
            let word = 2 &* (pair >> 6)
            let bits = alphanumeric & 4 != 0 ? pairBits[word] : pairBits[word] | pairBits[word &+ 1]
            if bits & (1 << UInt64(pair & 63)) != 0 { confirm(pair: pair, at: text.count - 2, text, seen, &found) }
        }
        return longest
    }

    /// Counts a counted byte found at `index` and records the one-byte literals it is.
    @inline(never)
    private func note<Collector: OccurrenceCollector>(
        _ entry: ByteInfo, byte: Int, at index: Int, _ seen: SeenLiterals, _ slots: SlotPositions, _ found: inout Collector
    ) {
        let slot = Int(entry.countSlot)
        if slot != 0 {
            slots.counts[slot] &+= 1
            if slots.firsts[slot] == Int.max { slots.firsts[slot] = index }
            slots.lasts[slot] = index
        }
        guard entry.single >= 0 else { return }
        for slot in singleStart[byte]..<singleStart[byte + 1] {
            let literal = singleList[slot]
            seen.record(literal, at: index)
            found.append(literal, at: index)
        }
    }

    /// Compares the literals starting with (lower-cased) `pair` at `start` and records the ones
    /// found: their first and last positions, and every occurrence to the collector. Out of line,
    /// so that the walk's loop stays small.
    @inline(never)
    private func confirm<Collector: OccurrenceCollector>(
        pair: Int, at start: Int, _ text: UnsafeBufferPointer<UInt8>, _ seen: SeenLiterals, _ found: inout Collector
    ) {
        let list = Int(pairList[pair]) - 1
        guard list >= 0, mayStart(list: list, at: start, in: text) else { return }
        for slot in pairStart[list]..<pairStart[list + 1] {
            let literal = byPair[slot]
            guard occurs(literal, in: text, at: start) else { continue }
            seen.record(literal, at: start)
            found.append(literal, at: start)
        }
    }
}

/// The first and last offset of each literal found so far (-1: none), written by the walk.
private struct SeenLiterals {
    let first: UnsafeMutableBufferPointer<Int>
    let last: UnsafeMutableBufferPointer<Int>

    @inline(__always) func record(_ literal: Int, at start: Int) {
        if first[literal] < 0 { first[literal] = start }
        last[literal] = start
    }
}

/// Per counting slot: occurrences, first offset (`Int.max`: none) and last offset (-1: none).
private struct SlotPositions {
    let counts: UnsafeMutableBufferPointer<Int>
    let firsts: UnsafeMutableBufferPointer<Int>
    let lasts: UnsafeMutableBufferPointer<Int>
}
