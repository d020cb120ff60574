public import ParapetCore
public import ParapetRegex

/// Runs pattern catalogs (PII, secrets, user catalogs) over a text.
///
/// One pass over the bytes profiles the text (counts of required bytes, longest token run, first
/// position of every required literal); only patterns whose prefilter holds run their regex, starting
/// near the literal. Matches are then scored with context words, checked by validators, and
/// duplicates within a category family are resolved (highest score, then longest span).
public final class PatternScanner: ParapetCore.Scanner {
    /// The scanner id used in findings.
    public let id: String
    /// The patterns this scanner runs, after category filtering.
    public let patterns: [PatternDefinition]
    /// Findings scoring below this are dropped.
    public let minScore: Double

    let compiled: [CompiledPattern]
    let literals: LiteralTable
    /// Texts longer than this many bytes are searched only where each pattern can match
    /// (``SearchRegions``); shorter ones in one pass per pattern, which is faster there, except
    /// that digit-run patterns are searched only in their runs' regions on every text.
    let regionSearchBytes: Int
    /// Whether a pattern's starts are read off digit runs (``MatchStarts/usesDigitRuns``).
    let usesDigitRuns: Bool
    /// The fewest digits any pattern using digit runs requires: texts with fewer build no runs.
    let fewestRunDigits: Int
    /// Whether a pattern starts only at name starts (``MatchStarts/firstNameOrContext``): the
    /// profile pass then lists the capitals at word starts.
    let usesNameStarts: Bool
    /// False only for tests' reference scanners: short texts are then searched to their end,
    /// without the offset limit of ``CompiledPattern/searchEnd(_:literals:)``.
    let boundsShortSearches: Bool

    /// Builds a scanner.
    ///
    /// - Parameters:
    ///   - id: the scanner id reported in findings.
    ///   - catalogs: the catalogs to run.
    ///   - categories: category patterns to keep (`pii.*`, `secret.jwt`); nil keeps all.
    ///   - minScore: findings below this score are dropped.
    ///   - limits: PCRE2 resource limits for every regex.
    ///   - regionSearchBytes: texts longer than this are searched only where matches can start.
    /// - Throws: ``CatalogError`` when a regex does not compile or a group does not exist.
    public convenience init(
        id: String = "patterns", catalogs: [PatternCatalog], categories: [String]? = nil, minScore: Double = 0,
        limits: MatchLimits = .default, regionSearchBytes: Int = CompiledRegex.budgetedSubjectBytes
    ) throws {
        try self.init(
            id: id, catalogs: catalogs, categories: categories, minScore: minScore, limits: limits,
            regionSearchBytes: regionSearchBytes, boundsShortSearches: true)
    }

    /// The designated initialiser; `boundsShortSearches: false` makes a reference scanner for tests.
    init(
        id: String, catalogs: [PatternCatalog], categories: [String]?, minScore: Double,
        limits: MatchLimits, regionSearchBytes: Int, boundsShortSearches: Bool
    ) throws {
        self.id = id
        self.boundsShortSearches = boundsShortSearches
        self.regionSearchBytes = regionSearchBytes
        self.minScore = minScore
        var keys: [String: Int] = [:]
        var entries: [(bytes: [UInt8], caseless: Bool, wordBounded: Bool)] = []
        var compiled: [CompiledPattern] = []
        for catalog in catalogs {
            for definition in catalog.patterns {
                if let categories, !categories.contains(where: { definition.category.matches($0) }) { continue }
                compiled.append(
                    try CompiledPattern(definition, catalog: catalog.name, limits: limits) { literal, caseless, wordBounded in
                        let bytes = caseless ? Array(literal.utf8).map(asciiLower) : Array(literal.utf8)
                        let key = (caseless ? "i" : "s") + (wordBounded ? "w:" : ":") + String(decoding: bytes, as: UTF8.self)
                        if let index = keys[key] { return index }
                        entries.append((bytes, caseless, wordBounded))
                        keys[key] = entries.count - 1
                        return entries.count - 1
                    })
            }
        }
        self.compiled = compiled
        self.patterns = compiled.map(\.definition)
        self.usesDigitRuns = compiled.contains { $0.starts.usesDigitRuns }
        self.fewestRunDigits = compiled.filter(\.starts.usesDigitRuns).map(\.minDigits).min() ?? 0
        self.usesNameStarts = compiled.contains { $0.starts == .firstNameOrContext }
        self.literals = LiteralTable(entries, countedBytes: Set(compiled.flatMap { $0.requiredChars.map(\.byte) }))
    }

    /// Scans one text; finding ranges are UTF-8 byte offsets into `input.text`.
    /// - Throws: ``ScannerError`` (`match_limit`, …) when a regex exceeds its resource limits.
    public func scan(_ input: ScanInput) throws -> ScanOutcome {
        var text = input.text
        let candidates = try text.withUTF8 { bytes in try collect(text: input.text, bytes: bytes) }
        return ScanOutcome(findings: Self.resolve(candidates))
    }

    /// All scored matches of all patterns, before duplicates are resolved.
    func collect(text: String, bytes: UnsafeBufferPointer<UInt8>) throws -> [Finding] {
        guard !bytes.isEmpty else { return [] }
        let restricted = bytes.count > regionSearchBytes
        // Digit-run patterns start only at their runs' shapes, on long texts and short ones (the
        // tests' reference scanner excepted).
        let wantsRuns = usesDigitRuns && (restricted || boundsShortSearches)
        let profile = literals.profile(bytes, allOccurrences: restricted, capitals: usesNameStarts, digits: wantsRuns)
        // Only when a digit-run pattern can pass its prefilter (it needs that many digits).
        let digitRuns = wantsRuns && profile.digits >= fewestRunDigits
            ? DigitRuns(bytes, digitPositions: profile.digitPositions) : nil
        var findings: [Finding] = []
        var tables = DelimitedTables.Lazy()
        for pattern in compiled {
            guard var offset = pattern.searchStart(profile) else { continue }
            if pattern.startsAtNames {
                try collectAtNameStarts(pattern, from: offset, text: text, bytes: bytes, capitals: profile.capitalStarts, into: &findings)
                try collectInTables(pattern, text: text, bytes: bytes, tables: &tables, into: &findings)
                continue
            }
            // Long texts only, one per pattern: its cursors are valid because its offset only grows.
            var regions = profile.occurrences.map {
                SearchRegions(literals: literals, occurrences: $0, digitRuns: digitRuns, bytes: bytes)
            }
            // Short texts: a digit-run pattern (without required context words, which bound its
            // search otherwise) is searched only in the regions its runs give.
            let byRuns = !restricted && digitRuns != nil && pattern.starts.usesDigitRuns && pattern.contextLiteralIndices.isEmpty
            // Short texts: a pattern whose literals are single bytes is searched only near them.
            let byteRegions = !restricted && boundsShortSearches && !byRuns && !pattern.literalBytes.isEmpty
                && pattern.contextLiteralIndices.isEmpty ? ByteRegions(bytes: bytes, pattern: pattern) : nil
            var runCursor = 0
            // `context.once`: a later match's context window does not reach before this.
            var keptEnd = 0
            // Short texts: no match starts after this, so the last search stops there (or never runs).
            let lastPossibleStart = restricted || !boundsShortSearches ? Int.max : pattern.searchEnd(profile, literals: literals)
            while offset > 0, offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
            while offset <= bytes.count, offset <= lastPossibleStart {
                var lastStart = lastPossibleStart
                if restricted || byRuns || byteRegions != nil {
                    let next: ClosedRange<Int>?
                    if byRuns {
                        next = digitRuns?.nextRegion(pattern, in: bytes, from: offset, cursor: &runCursor)
                    } else if let byteRegions {
                        next = byteRegions.next(from: offset)
                    } else {
                        next = regions?.next(pattern, from: offset)
                    }
                    guard let region = next else { break }
                    offset = region.lowerBound
                    while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
                    lastStart = min(region.upperBound, lastPossibleStart)
                    if offset > lastStart {
                        offset = lastStart + 1
                        continue
                    }
                }
                let match = try firstMatch(pattern, in: bytes, from: min(offset, bytes.count), startingAtMost: lastStart)
                guard let match else {
                    // Nothing starts in this region: go on after it (or stop when it was the rest).
                    guard lastStart < bytes.count else { break }
                    offset = lastStart + 1
                    continue
                }
                let finding = evaluate(pattern, match: match, bytes: bytes, text: text, contextFrom: keptEnd)
                if let finding {
                    findings.append(finding)
                    if pattern.definition.contextOnce { keptEnd = match.range.upperBound }
                }
                offset = Self.resumption(after: match, kept: finding != nil, in: bytes)
            }
            if !pattern.contextWords.isEmpty {
                try collectInTables(pattern, text: text, bytes: bytes, tables: &tables, into: &findings)
            }
        }
        return findings
    }

    /// A pattern with context words, searched again in the bodies of the tables whose header
    /// names one: a match in a named column counts as having a context word at the window's far
    /// end. Rows far below `date_of_birth` are dates of birth (the search above stops a window
    /// after the last context word), and a grouped number under `Phone` scores as a phone. Where
    /// the search above found the same span, overlap resolution keeps the higher score.
    private func collectInTables(
        _ pattern: CompiledPattern, text: String, bytes: UnsafeBufferPointer<UInt8>, tables: inout DelimitedTables.Lazy,
        into findings: inout [Finding]
    ) throws {
        for table in tables.tables(of: bytes) where pattern.contextWords.occur(in: table.header, of: bytes) {
            var offset = table.body.lowerBound
            while offset < table.body.upperBound {
                guard let match = try firstMatch(pattern, in: bytes, from: offset, startingAtMost: table.body.upperBound - 1) else { break }
                let named = table.headerCell(above: match.range.lowerBound, in: bytes)
                    .map { pattern.contextWords.occur(in: $0, of: bytes) } ?? false
                let finding = named ? evaluate(pattern, match: match, bytes: bytes, text: text, columnNamed: true) : nil
                if let finding { findings.append(finding) }
                offset = Self.resumption(after: match, kept: finding != nil, in: bytes)
            }
        }
    }

    /// Where a search goes on after `match`: after a kept match (one past an empty one), and
    /// after a rejected one from its next scalar, since it may hide a valid match that starts
    /// inside it ("Call Ann Lee" rejected at "Call", accepted at "Ann").
    private static func resumption(after match: RegexMatch, kept: Bool, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var offset = kept ? (match.range.isEmpty ? match.range.upperBound + 1 : match.range.upperBound) : match.range.lowerBound + 1
        while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
        return offset
    }

    /// The matches of a ``MatchStarts/firstNameOrContext`` pattern: one anchored search at each
    /// start ``NameStarts`` proposes, with the same acceptance and resumption as the general loop.
    private func collectAtNameStarts(
        _ pattern: CompiledPattern, from offset: Int, text: String, bytes: UnsafeBufferPointer<UInt8>, capitals: [UInt32],
        into findings: inout [Finding]
    ) throws {
        var starts = NameStarts(
            bytes: bytes, contextWords: pattern.contextWords, window: pattern.definition.contextWindow, capitals: capitals)
        var offset = offset
        while let start = starts.next(from: offset) {
            let match = try firstMatch(pattern, in: bytes, from: start, startingAtMost: start)
            if let match, let finding = evaluate(pattern, match: match, bytes: bytes, text: text) {
                findings.append(finding)
                offset = max(match.range.upperBound, start + 1)
            } else {
                offset = start + 1
            }
        }
    }

    /// The pattern's leftmost match starting in `offset...lastStart`; limit errors name the pattern.
    private func firstMatch(
        _ pattern: CompiledPattern, in bytes: UnsafeBufferPointer<UInt8>, from offset: Int, startingAtMost lastStart: Int
    ) throws -> RegexMatch? {
        do {
            // `bytes` are the scanned String's own (`withUTF8`), so valid UTF-8.
            return try pattern.regex.firstMatch(inValidUTF8: bytes, from: offset, startingAtMost: lastStart)
        } catch {
            throw ScannerError(scanner: id, code: error.code.rawValue, message: "\(pattern.definition.name): \(error.message)")
        }
    }

    /// Scores one match: span group, exclusion and context words, validators, minimum score.
    /// Context words must end at or after `contextFrom` (the end of the match `context.once` kept
    /// last); `columnNamed` (a context word in the match's column header) counts as a word at
    /// the window's far end.
    func evaluate(
        _ pattern: CompiledPattern, match: RegexMatch, bytes: UnsafeBufferPointer<UInt8>, text: String, contextFrom: Int = 0,
        columnNamed: Bool = false
    ) -> Finding? {
        let definition = pattern.definition
        guard let range = pattern.groups.lazy.compactMap({ match.group($0) }).first, !range.isEmpty else { return nil }
        var score = definition.score
        let window = definition.contextWindow
        if !pattern.excludeWords.isEmpty,
            pattern.excludeWords.nearest(in: bytes, before: match.range.lowerBound, window: window) != nil
        {
            return nil
        }
        if !pattern.contextWords.isEmpty {
            let reach = min(window, max(0, match.range.lowerBound - contextFrom))
            if let distance = pattern.contextWords.nearest(in: bytes, before: match.range.lowerBound, window: reach) {
                // Closer context counts more: a word right before the match adds the full boost.
                let closeness = 1 - Double(distance) / Double(max(window, 1)) * 0.5
                score += definition.contextBoost * closeness
            } else if columnNamed {
                score += definition.contextBoost * 0.5
            } else if definition.contextRequired {
                return nil
            }
        }
        if !definition.validators.isEmpty {
            let span = text.substring(utf8: range)
            var anyValid = false
            for validator in definition.validators {
                switch validator.validate(span) {
                case .valid: anyValid = true
                case .neutral: continue
                case .invalid:
                    guard let lowered = definition.invalidScore, !validator.invalidDrops else { return nil }
                    return finding(definition, range: range, score: lowered + (score - definition.score))
                }
            }
            if anyValid, let lifted = definition.validScore { score = lifted + (score - definition.score) }
        }
        return finding(definition, range: range, score: score)
    }

    private func finding(_ definition: PatternDefinition, range: Range<Int>, score: Double) -> Finding? {
        guard score >= minScore, score >= definition.minScore else { return nil }
        return Finding(scanner: id, category: definition.category, range: range, score: min(1, score), rule: definition.name)
    }

    /// Keeps, within each category family, the best of overlapping findings (highest score,
    /// then longest, then earliest), so one span gets one type.
    static func resolve(_ findings: [Finding]) -> [Finding] {
        OverlapStrategy.highestScore.resolve(findings)
    }
}

extension PatternScanner {
    /// Span findings only, no scores.
    public var scoreKeys: Set<String>? { [] }
}
