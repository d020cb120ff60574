import ParapetTestSupport
import Testing

@testable import ParapetCore

@Suite("OverlapStrategy")
struct OverlapStrategyTests {
    static func finding(_ category: Category, _ range: Range<Int>, _ score: Double, _ rule: String = "r") -> Finding {
        Finding(scanner: "test", category: category, range: range, score: score, rule: rule)
    }

    // A phone claim on 0..<10 (0.6), a longer card claim on 0..<16 (0.5), a URL elsewhere,
    // and a secret nested inside the card digits.
    let findings = [
        finding(.phone, 0..<10, 0.6),
        finding(.creditCard, 0..<16, 0.5),
        finding(.url, 20..<30, 0.9),
        finding(.genericSecret, 4..<8, 0.3),
    ]

    @Test("keep_all keeps everything, sorted by position")
    func keepAll() {
        let resolved = OverlapStrategy.keepAll.resolve(findings)
        #expect(resolved.count == 4)
        #expect(resolved.map(\.range) == [0..<10, 0..<16, 4..<8, 20..<30])
    }

    @Test("highest_score keeps the best-scored claim within a family")
    func highestScore() {
        let resolved = OverlapStrategy.highestScore.resolve(findings)
        #expect(resolved.map(\.category) == [.phone, .genericSecret, .url])
    }

    @Test("longest keeps the longest claim within a family")
    func longest() {
        let resolved = OverlapStrategy.longest.resolve(findings)
        #expect(resolved.map(\.category) == [.creditCard, .genericSecret, .url])
    }

    @Test("Ties: highest_score prefers longer then earlier; longest prefers higher score")
    func ties() {
        let a = Self.finding(.email, 0..<5, 0.5, "a")
        let b = Self.finding(.email, 3..<10, 0.5, "b")
        #expect(OverlapStrategy.highestScore.resolve([a, b]).map(\.rule) == ["b"])
        let c = Self.finding(.email, 0..<5, 0.5, "c")
        let d = Self.finding(.email, 2..<7, 0.5, "d")
        #expect(OverlapStrategy.highestScore.resolve([d, c]).map(\.rule) == ["c"])
        let e = Self.finding(.email, 0..<5, 0.4, "e")
        let f = Self.finding(.email, 2..<7, 0.8, "f")
        #expect(OverlapStrategy.longest.resolve([e, f]).map(\.rule) == ["f"])
    }

    @Test("Families are resolved apart: a whole-text classifier finding keeps its span findings", arguments: OverlapStrategy.allCases)
    func familiesApart(strategy: OverlapStrategy) {
        let classifier = Self.finding(.injection, 0..<100, 0.99)
        let email = Self.finding(.email, 10..<20, 0.8)
        let password = Self.finding(.passwordInURL, 12..<15, 0.7)
        let resolved = strategy.resolve([classifier, email, password])
        #expect(resolved.count == 3)
        #expect(resolved.map(\.category) == [.injection, .email, .passwordInURL])
    }

    @Test("Non-overlapping and touching findings are all kept", arguments: OverlapStrategy.allCases)
    func touching(strategy: OverlapStrategy) {
        let resolved = strategy.resolve([Self.finding(.email, 5..<10, 0.2), Self.finding(.phone, 0..<5, 0.9)])
        #expect(resolved.map(\.range) == [0..<5, 5..<10])
    }

    @Test("Resolved findings never overlap within a family (seeded)", arguments: [OverlapStrategy.highestScore, .longest])
    func noOverlapProperty(strategy: OverlapStrategy) {
        var rng = SeededGenerator(seed: 0x0E1A_0001)
        let categories: [Category] = [.email, .phone, .awsAccessKeyID, .genericSecret, .injection]
        for _ in 0..<300 {
            let input = (0..<Int.random(in: 0...12, using: &rng)).map { _ in
                let start = Int.random(in: 0..<50, using: &rng)
                return Self.finding(
                    categories[Int.random(in: 0..<categories.count, using: &rng)],
                    start..<(start + Int.random(in: 1...15, using: &rng)),
                    Double(Int.random(in: 0...4, using: &rng)) / 4
                )
            }
            let resolved = strategy.resolve(input)
            #expect(Set(resolved).isSubset(of: Set(input)))
            for (i, a) in resolved.enumerated() {
                for b in resolved[(i + 1)...] where a.category.family == b.category.family {
                    #expect(!a.range.overlaps(b.range))
                }
            }
            // Every dropped finding overlaps a kept one of its family.
            for dropped in input where !resolved.contains(dropped) {
                #expect(resolved.contains { $0.category.family == dropped.category.family && $0.range.overlaps(dropped.range) })
            }
            #expect(strategy.resolve(resolved) == resolved)
        }
    }

    /// The quadratic definition: each ranked candidate against every finding kept before it.
    static func naive(_ strategy: OverlapStrategy, _ findings: [Finding]) -> [Finding] {
        var kept: [Finding] = []
        for family in Set(findings.map(\.category.family)) {
            let group = findings.filter { $0.category.family == family }
            let ranked = group.sorted { better($0, than: $1, strategy) }
            var mine: [Finding] = []
            for candidate in ranked where !mine.contains(where: { $0.range.overlaps(candidate.range) }) {
                mine.append(candidate)
            }
            kept += mine
        }
        return kept.sorted(by: position)
    }

    /// Whether `a` beats `b` when they compete: the pairwise ranking the resolver's sort must give.
    static func better(_ a: Finding, than b: Finding, _ strategy: OverlapStrategy) -> Bool {
        switch strategy {
        case .keepAll, .highestScore:
            if a.score != b.score { return a.score > b.score }
            if a.range.count != b.range.count { return a.range.count > b.range.count }
        case .longest:
            if a.range.count != b.range.count { return a.range.count > b.range.count }
            if a.score != b.score { return a.score > b.score }
        }
        return position(a, b)
    }

    static func position(_ a: Finding, _ b: Finding) -> Bool {
        if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
        if a.range.upperBound != b.range.upperBound { return a.range.upperBound < b.range.upperBound }
        if a.category != b.category { return a.category < b.category }
        return a.rule < b.rule
    }

    @Test("Resolving matches the pairwise definition on random findings, empty spans included (seed 41)",
          arguments: [OverlapStrategy.highestScore, .longest])
    func matchesPairwiseDefinition(strategy: OverlapStrategy) {
        var rng = SeededGenerator(seed: 41)
        let categories: [Category] = [.email, .phone, .url, .genericSecret, .passwordInURL, .injection]
        for trial in 0..<300 {
            let count = Int.random(in: 0...(trial % 10 == 0 ? 400 : 30), using: &rng)
            let findings = (0..<count).map { i in
                let start = Int.random(in: 0...200, using: &rng)
                let length = Int.random(in: 0...(i % 7 == 0 ? 60 : 12), using: &rng)
                return Self.finding(categories.randomElement(using: &rng) ?? .email, start..<(start + length),
                                    Double(Int.random(in: 1...5, using: &rng)) / 5, "r\(i)")
            }
            let want = Self.naive(strategy, findings)
            let got = strategy.resolve(findings)
            #expect(got == want, "trial \(trial): \(got.count) vs \(want.count) findings")
            #expect(strategy.resolve(want) == want, "trial \(trial): resolving a resolved set")
        }
    }
}
