/// How overlapping findings are resolved before a policy acts on them.
public enum OverlapStrategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Keep every finding, overlapping or not.
    case keepAll = "keep_all"
    /// Among overlapping findings keep the highest score; ties go to the longer span, then the
    /// earlier one.
    case highestScore = "highest_score"
    /// Among overlapping findings keep the longest span; ties go to the higher score.
    case longest

    /// Resolves overlaps within each category family (`pii`, `secret`, `injection`, …): a
    /// password inside a URL (`secret`) and the URL itself (`pii`) are both kept, while two PII
    /// patterns claiming the same digits compete. Whole-text classifier findings thus never
    /// knock out span findings.
    ///
    /// The result is sorted by start offset, then end offset.
    public func resolve(_ findings: [Finding]) -> [Finding] {
        guard self != .keepAll, findings.count > 1 else { return findings.sorted(by: Self.positionOrder) }
        // A resolved list (one scanner's output, as the policy sees it) is returned as it is.
        if Self.isResolved(findings) { return findings }
        if findings.count <= Self.smallCount { return resolveFew(findings) }
        // Work on indices: sorting and grouping then move integers, not findings (three strings
        // each). Families are numbered in first-seen order; a handful of families, so a linear
        // search beats hashing.
        var representatives: [Category] = []
        var familyOf: [Int] = []
        familyOf.reserveCapacity(findings.count)
        for finding in findings {
            if let family = representatives.firstIndex(where: { $0.isSameFamily(as: finding.category) }) {
                familyOf.append(family)
            } else {
                representatives.append(finding.category)
                familyOf.append(representatives.count - 1)
            }
        }
        // Findings free of overlaps within each family but not in position order are all kept:
        // the result is then just the position order.
        let order = Self.positionOrder(of: findings)
        if Self.isFreeOfOverlaps(order, findings, familyOf: familyOf, families: representatives.count) {
            return order.map { findings[$0] }
        }
        var kept = [Bool](repeating: false, count: findings.count)
        var group: [Int] = []
        group.reserveCapacity(findings.count)
        let end = findings.lazy.map(\.range.upperBound).max() ?? 0
        for family in representatives.indices {
            group.removeAll(keepingCapacity: true)
            for index in findings.indices where familyOf[index] == family { group.append(index) }
            // The offsets the group's kept spans cover: a candidate is kept when none of its own
            // is (empty spans overlap nothing, as `Range.overlaps` has it).
            var covered = CoveredBytes(end: end)
            for candidate in ranking(group, of: findings) {
                let range = findings[candidate].range
                guard !covered.overlaps(range) else { continue }
                covered.cover(range)
                kept[candidate] = true
            }
        }
        // `order` is the position order of all findings, so of the kept ones too.
        return order.compactMap { kept[$0] ? findings[$0] : nil }
    }

    /// The indices of `findings` in ``positionOrder(_:_:)``, sorted on their offsets: the names
    /// (three strings a finding) are read only to break ties between equal ranges.
    private static func positionOrder(of findings: [Finding]) -> [Int] {
        var keys = findings.indices.map { (lower: findings[$0].range.lowerBound, upper: findings[$0].range.upperBound, index: $0) }
        keys.sort { a, b in
            if a.lower != b.lower { return a.lower < b.lower }
            if a.upper != b.upper { return a.upper < b.upper }
            return positionOrder(findings[a.index], findings[b.index])
        }
        return keys.map(\.index)
    }

    /// Whether `findings` are already strictly in ``positionOrder(_:_:)`` and no two non-empty ones
    /// of one family overlap, checked without allocating: families are compared only for the few
    /// overlapping pairs (a password inside a URL); after ``resolvedCheckBudget`` steps back over
    /// earlier findings the answer is no, and the general path (exact either way) decides.
    private static func isResolved(_ findings: [Finding]) -> Bool {
        var furthestEnd = Int.min  // of the non-empty findings before the current one
        var budget = resolvedCheckBudget
        for index in findings.indices {
            if index > 0, !positionOrder(findings[index - 1], findings[index]) { return false }
            let range = findings[index].range
            if range.isEmpty { continue }
            if range.lowerBound < furthestEnd {
                for earlier in stride(from: index - 1, through: 0, by: -1) {
                    budget -= 1
                    if budget < 0 { return false }
                    let other = findings[earlier].range
                    guard !other.isEmpty, other.upperBound > range.lowerBound else { continue }
                    if findings[earlier].category.isSameFamily(as: findings[index].category) { return false }
                }
            }
            furthestEnd = max(furthestEnd, range.upperBound)
        }
        return true
    }

    /// How many steps back over earlier findings ``isResolved(_:)`` takes before it gives up.
    private static let resolvedCheckBudget = 64

    /// Whether no two non-empty findings of one family overlap; `order` lists the findings by position.
    private static func isFreeOfOverlaps(_ order: [Int], _ findings: [Finding], familyOf: [Int], families: Int) -> Bool {
        // Per family, the furthest end of its non-empty findings so far: a finding overlaps an
        // earlier one (which starts no later) exactly when it starts before that end.
        var furthestEnd = [Int](repeating: Int.min, count: families)
        for index in order where !findings[index].range.isEmpty {
            let range = findings[index].range
            if range.lowerBound < furthestEnd[familyOf[index]] { return false }
            furthestEnd[familyOf[index]] = max(furthestEnd[familyOf[index]], range.upperBound)
        }
        return true
    }

    /// `group`'s findings best first: the highest score (for ``longest``, the longest span
    /// before that), then the longest span, then position order. Sorted on scores and offsets;
    /// the names are read only to break ties.
    private func ranking(_ group: [Int], of findings: [Finding]) -> [Int] {
        var keys = group.map { index in
            (score: findings[index].score, range: findings[index].range, index: index)
        }
        let longestFirst = self == .longest
        keys.sort { a, b in
            Self.ranksAhead(a.score, a.range, b.score, b.range, longestFirst: longestFirst)
                ?? Self.positionOrder(findings[a.index], findings[b.index])
        }
        return keys.map(\.index)
    }

    /// The ranking order on scores and spans: the higher score (for ``longest``, the longer span
    /// before that), then the longer span, then the earlier one; nil when both tie (the names
    /// then decide, in position order).
    private static func ranksAhead(
        _ scoreA: Double, _ a: Range<Int>, _ scoreB: Double, _ b: Range<Int>, longestFirst: Bool
    ) -> Bool? {
        if longestFirst, a.count != b.count { return a.count > b.count }
        if scoreA != scoreB { return scoreA > scoreB }
        if a.count != b.count { return a.count > b.count }
        if a.lowerBound != b.lowerBound { return a.lowerBound < b.lowerBound }
        if a.upperBound != b.upperBound { return a.upperBound < b.upperBound }
        return nil
    }

    /// At most this many findings (a short text's candidates) are resolved by ``resolveFew(_:)``.
    private static let smallCount = 16

    /// ``resolve(_:)`` for a few findings, with no allocation but the result: their indices in
    /// ranking order (an insertion sort), each finding kept unless a kept one of its family
    /// overlaps it (families compared only for overlapping pairs), the kept ones put in position
    /// order. The same result as the general path, which scales to thousands.
    private func resolveFew(_ findings: [Finding]) -> [Finding] {
        let longestFirst = self == .longest
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: findings.count) { order in
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: findings.count) { kept in
                kept.initialize(repeating: false)
                for index in findings.indices { order.initializeElement(at: index, to: index) }
                Self.insertionSort(order, count: findings.count) { a, b in
                    Self.ranksAhead(findings[a].score, findings[a].range, findings[b].score, findings[b].range, longestFirst: longestFirst)
                        ?? Self.positionOrder(findings[a], findings[b])
                }
                for (rank, candidate) in order.enumerated() {
                    let range = findings[candidate].range
                    // An empty span overlaps nothing (as `Range.overlaps` has it).
                    kept[candidate] = range.isEmpty || !order[..<rank].contains { better in
                        kept[better] && findings[better].range.overlaps(range)
                            && findings[better].category.isSameFamily(as: findings[candidate].category)
                    }
                }
                var count = 0
                for index in findings.indices where kept[index] {
                    order[count] = index
                    count += 1
                }
                Self.insertionSort(order, count: count) { Self.positionOrder(findings[$0], findings[$1]) }
                return (0..<count).map { findings[order[$0]] }
            }
        }
    }

    /// Sorts the first `count` indices of `indices` by `isBefore` (stable; for a few elements).
    private static func insertionSort(
        _ indices: UnsafeMutableBufferPointer<Int>, count: Int, by isBefore: (Int, Int) -> Bool
    ) {
        guard count > 1 else { return }
        for next in 1..<count {
            let value = indices[next]
            var slot = next
            while slot > 0, isBefore(value, indices[slot - 1]) {
                indices[slot] = indices[slot - 1]
                slot -= 1
            }
            indices[slot] = value
        }
    }

    private static func positionOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
        if a.range.upperBound != b.range.upperBound { return a.range.upperBound < b.range.upperBound }
        if a.category != b.category { return a.category < b.category }
        return a.rule < b.rule
    }
}
