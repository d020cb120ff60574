import CParapetScan

/// The profiling pass: one walk over a text's bytes that fills a ``TextProfile``.
extension LiteralTable {
    /// Profiles `text` in one pass; with `allOccurrences`, also records every occurrence of
    /// every literal (not only the first), for searches restricted to where matches can start.
    ///
    /// The byte walk is ``CParapetScan``'s `ps_scan` (AVX2 where the CPU has it): it reports the
    /// positions whose hashed three bytes hit ``tripleBits`` and those of the noted bytes, and the
    /// longest token run; this pass then compares the literals there and counts the noted bytes.
    /// With `capitals`, it also lists where a capital may start a word (``TextProfile/capitalStarts``);
    /// with `digits`, where every ASCII digit is (``TextProfile/digitPositions``, for ``DigitRuns``).
    /// `isa` chooses the kernel's path (tests hold both to each other); nil: ``walkISA``.
    func profile(
        _ text: UnsafeBufferPointer<UInt8>, allOccurrences: Bool = false, capitals: Bool = false, digits: Bool = false,
        isa: Int32? = nil
    ) -> TextProfile {
        var lists = PositionLists(wantsCapitals: capitals, wantsDigits: digits)
        if allOccurrences {
            var builder = LiteralOccurrences.Builder(literals: count)
            var profile = profile(text, lists: &lists, isa: isa ?? walkISA, collector: &builder)
            profile.occurrences = builder.build()
            return profile
        }
        var nothingMore = FirstAndLastOnly()
        return profile(text, lists: &lists, isa: isa ?? walkISA, collector: &nothingMore)
    }

    /// The profiling pass, specialised for each collector, so that the short-text loop carries no
    /// collecting code at all.
    private func profile<Collector: OccurrenceCollector>(
        _ text: UnsafeBufferPointer<UInt8>, lists: inout PositionLists, isa: Int32, collector found: inout Collector
    ) -> TextProfile {
        var profile = TextProfile(literals: count, slots: countSlots, byteInfo: byteInfo) { first, last, counts, firsts, lasts in
            byteInfo.withUnsafeBufferPointer { info in
                walk(text, isa: isa, info, SeenLiterals(first: first, last: last),
                     SlotPositions(counts: counts, firsts: firsts, lasts: lasts), &found, lists: &lists)
            }
        }
        profile.capitalStarts = lists.capitalStarts
        profile.digitPositions = lists.digitPositions
        return profile
    }

    /// The walk of ``profile(_:allOccurrences:capitals:digits:isa:)``, in chunks of at most
    /// ``walkChunk`` bytes; returns the longest token run, and appends to the lists asked for.
    private func walk<Collector: OccurrenceCollector>(
        _ text: UnsafeBufferPointer<UInt8>, isa: Int32, _ info: UnsafeBufferPointer<ByteInfo>,
        _ seen: SeenLiterals, _ slots: SlotPositions, _ found: inout Collector, lists: inout PositionLists
    ) -> Int {
        guard let base = text.baseAddress, !text.isEmpty else { return 0 }
        let chunk = min(text.count, Self.walkChunk)
        var result = ps_result()
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 3 * chunk) { positions in
            result.candidates = positions.baseAddress
            result.noted = positions.baseAddress.map { $0 + chunk }
            result.capitals = positions.baseAddress.map { $0 + 2 * chunk }
            tripleBits.withUnsafeBufferPointer { tripleBits in
                notedBits.withUnsafeBufferPointer { notedBits in
                    notedNibbles.withUnsafeBufferPointer { notedNibbles in
                        var tables = ps_tables(
                            triple_bits: tripleBits.baseAddress, noted_bits: notedBits.baseAddress,
                            noted_nibbles: notedNibbles.baseAddress, want_capitals: lists.wantsCapitals ? 1 : 0)
                        for start in stride(from: 0, to: text.count, by: chunk) {
                            ps_scan(isa, base, text.count, start, min(start + chunk, text.count), &tables, &result)
                            for slot in 0..<result.noted_count {
                                let index = Int(positions[chunk + slot])
                                let byte = Int(text[index])
                                note(info[byte], byte: byte, at: index, seen, slots, &found)
                            }
                            for slot in 0..<result.candidate_count {
                                let index = Int(positions[slot])
                                confirm(pair: Int(asciiLower(text[index])) << 8 | Int(asciiLower(text[index + 1])), at: index, text, seen, &found)
                            }
                            if result.capital_count > 0 {
                                let starts = UnsafeBufferPointer(rebasing: positions[(2 * chunk)..<(2 * chunk + result.capital_count)])
                                lists.capitalStarts.append(contentsOf: starts)
                            }
                            if lists.wantsDigits {
                                // Digits are always noted (they have counting slots 1…10).
                                for slot in 0..<result.noted_count where text[Int(positions[chunk + slot])].isDigit {
                                    lists.digitPositions.append(positions[chunk + slot])
                                }
                            }
                        }
                    }
                }
            }
        }
        if text.count >= 2 {
            // The last pair, which no third byte follows: only a two-byte literal fits there.
            let start = text.count - 2
            let pair = Int(asciiLower(text[start])) << 8 | Int(asciiLower(text[start + 1]))
            let word = 2 &* (pair >> 6)
            let midWord = start > 0 && text[start - 1].isAlphanumeric
            let bits = midWord ? pairBits[word] : pairBits[word] | pairBits[word &+ 1]
            if bits & (1 << UInt64(pair & 63)) != 0 { confirm(pair: pair, at: start, text, seen, &found) }
        }
        return result.longest
    }

    /// The most bytes one `ps_scan` call covers: its position buffers hold twice as many entries.
    static let walkChunk = 1 << 14

    /// Counts a counted byte found at `index` and records the one-byte literals it is.
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
    /// found: their first and last positions, and every occurrence to the collector.
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

/// The position lists a walk fills besides the profile's counts, when asked for.
private struct PositionLists {
    let wantsCapitals: Bool
    let wantsDigits: Bool
    var capitalStarts: [UInt32] = []
    var digitPositions: [UInt32] = []
}
