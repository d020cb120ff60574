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
        // Findings already free of overlaps within each family (a scanner's resolved output, as
        // the policy sees it) are all kept: the result is then just the position order.
        let order = Self.positionOrder(of: findings)
        if Self.isFreeOfOverlaps(order, findings, familyOf: familyOf, families: representatives.count) {
            return order.map { findings[$0] }
        }
        var kept = [Bool](repeating: false, count: findings.count)
        var group: [Int] = []
        var spans: [Range<Int>] = []
        group.reserveCapacity(findings.count)
        spans.reserveCapacity(findings.count)
        for family in representatives.indices {
            group.removeAll(keepingCapacity: true)
            for index in findings.indices where familyOf[index] == family { group.append(index) }
            // The group's kept non-empty spans, disjoint and so sorted by both bounds: a candidate
            // overlaps one of them exactly when it overlaps the last that starts before its end
            // (a binary search, not a pass over every kept finding: long texts have thousands).
            spans.removeAll(keepingCapacity: true)
            for candidate in ranking(group, of: findings) {
                let range = findings[candidate].range
                if range.isEmpty {  // overlaps nothing (as `Range.overlaps` has it)
                    kept[candidate] = true
                    continue
                }
                let after = Self.firstStart(in: spans, atOrAfter: range.upperBound)
                if after > 0, spans[after - 1].upperBound > range.lowerBound { continue }
                spans.insert(range, at: after)
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

    /// The index of the first span in `spans` (sorted by lower bound) starting at or after `offset`.
    private static func firstStart(in spans: [Range<Int>], atOrAfter offset: Int) -> Int {
        var low = 0, high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].lowerBound < offset { low = middle + 1 } else { high = middle }
        }
        return low
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
            if longestFirst, a.range.count != b.range.count { return a.range.count > b.range.count }
            if a.score != b.score { return a.score > b.score }
            if a.range.count != b.range.count { return a.range.count > b.range.count }
            if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
            if a.range.upperBound != b.range.upperBound { return a.range.upperBound < b.range.upperBound }
            return Self.positionOrder(findings[a.index], findings[b.index])
        }
        return keys.map(\.index)
    }

    private static func positionOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
        if a.range.upperBound != b.range.upperBound { return a.range.upperBound < b.range.upperBound }
        if a.category != b.category { return a.category < b.category }
        return a.rule < b.rule
    }
}
