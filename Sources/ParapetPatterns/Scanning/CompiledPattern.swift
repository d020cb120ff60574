import ParapetCore
import ParapetRegex

/// A pattern definition made ready to run: its regex compiled, its group resolved, its context
/// words lower-cased and its prefilter literals mapped into the scanner's ``LiteralTable``.
final class CompiledPattern: Sendable {
    let definition: PatternDefinition
    /// Prefilter fields copied out of the definition for the hot path.
    let minDigits: Int
    let minRun: Int
    let requiredChars: [(byte: UInt8, count: Int)]
    /// The dots `requires.chars` asks for (0 when none): a ``MatchStarts/digitRun`` pattern's
    /// match holds them inside one digit run.
    let minDots: Int
    let lookback: Int?
    /// ``PatternPrefilter/lookbackBytes`` as a table (nil: any byte).
    let lookbackBytes: [Bool]?
    /// ``PatternPrefilter/pairWithin``.
    let pairWithin: Int?
    let regex: CompiledRegex
    /// Group numbers to try in order; `[0]` for the whole match.
    let groups: [Int]
    let contextWords: ContextWords
    let excludeWords: ContextWords
    /// Indices into the scanner's literal table; empty when no literal is required.
    let literalIndices: [Int]
    /// For a pattern whose context words are required: the words' indices in the scanner's
    /// ``LiteralTable`` (caseless, word-bounded), so long texts find them among the profile's
    /// occurrences; the prefilter literals when they are those words. Empty otherwise.
    let contextLiteralIndices: [Int]
    /// The bytes of the prefilter literals when each is one byte that is not a letter (`@`, `:`)
    /// and a `lookback` bounds the matches before them; empty otherwise. Short texts are searched
    /// only near them (``ByteRegions``).
    let literalBytes: [UInt8]
    /// Which start positions the regex is tried at (``MatchStarts``).
    let starts: MatchStarts
    /// `starts == .firstNameOrContext`, read once per pattern and text.
    let startsAtNames: Bool

    init(_ definition: PatternDefinition, catalog: String, limits: MatchLimits, literalIndex: (String, Bool, Bool) -> Int) throws {
        do {
            regex = try CompiledRegex(definition.regex, options: definition.regexOptions, limits: limits)
        } catch {
            throw CatalogError(
                code: "bad_regex", message: "pattern '\(definition.name)': \(error)",
                source: catalog)
        }
        switch definition.spanGroups(in: regex) {
        case .success(let groups): self.groups = groups
        case .failure(let error): throw CatalogError(code: "bad_group", message: error.message, source: catalog)
        }
        self.definition = definition
        contextWords = ContextWords(definition.contextWords)
        excludeWords = ContextWords(definition.excludeContext)
        literalIndices = definition.requires.literals.map { literalIndex($0, definition.requires.caseless, definition.requires.wordBounded) }
        contextLiteralIndices = definition.contextRequired
            ? definition.contextWords.filter { !$0.isEmpty }.map { literalIndex($0, true, true) } : []
        minDigits = definition.requires.digits
        minRun = definition.requires.minRun
        requiredChars = definition.requires.chars.map { ($0.key, $0.value) }
        minDots = definition.requires.chars[UInt8(ascii: ".")] ?? 0
        lookback = definition.requires.lookback
        lookbackBytes = definition.requires.lookbackByteTable()
        pairWithin = definition.requires.pairWithin
        starts = definition.requires.starts
        let literals = definition.requires.literals.map { Array($0.utf8) }
        literalBytes = definition.requires.lookback != nil && !literals.isEmpty
            && literals.allSatisfy({ $0.count == 1 && !$0[0].isASCIILetter && $0[0] < 0x80 })
            ? literals.map { $0[0] } : []
        startsAtNames = starts == .firstNameOrContext
    }

    /// Whether the profiled text can contain a match, and from which byte offset to search.
    func searchStart(_ profile: TextProfile) -> Int? {
        var first = Int.max
        if !literalIndices.isEmpty {
            for index in literalIndices {
                let position = profile.literalPosition(index)
                if position >= 0, position < first { first = position }
            }
            if first == Int.max { return nil }
        }
        if minDigits > 0, profile.digits < minDigits { return nil }
        if minRun > 0, profile.longestRun < minRun { return nil }
        for (byte, count) in requiredChars where profile.count(of: byte) < count { return nil }
        // A match of a pattern that needs digits (or a given byte) has one within
        // `Self.classLookback` bytes of its start, so the search can begin there.
        var start = 0
        if minDigits > 0 { start = max(start, profile.firstDigit - Self.classLookback) }
        for (byte, _) in requiredChars { start = max(start, profile.firstPosition(of: byte) - Self.classLookback) }
        if first != Int.max, let lookback { start = max(start, first - lookback) }
        return start
    }

    /// The last byte offset at which a match can start in the profiled text (`Int.max`: no bound;
    /// below 0: nowhere), from the same facts the starts above and ``SearchRegions`` rely on: a
    /// match of a pattern whose context words are required starts within its window after one;
    /// otherwise, with required literals and a `lookback`, at or before a literal occurrence;
    /// with required digits or bytes, at or before one of them (it holds one near its start).
    /// Short texts pass it to PCRE2 as the offset limit, so the search after the last match
    /// stops there, or is skipped.
    func searchEnd(_ profile: TextProfile, literals: LiteralTable) -> Int {
        var end = Int.max
        if !contextLiteralIndices.isEmpty {
            var lastWordEnd = -1
            for index in contextLiteralIndices where profile.literalLastPosition(index) >= 0 {
                lastWordEnd = max(lastWordEnd, profile.literalLastPosition(index) + literals.length(of: index))
            }
            end = lastWordEnd < 0 ? -1 : lastWordEnd + definition.contextWindow
        } else if lookback != nil, !literalIndices.isEmpty {
            // (Context words can be a pattern's literals too; they come before its matches.)
            var last = -1
            for index in literalIndices { last = max(last, profile.literalLastPosition(index)) }
            end = min(end, last)
        }
        if minDigits > 0 { end = min(end, profile.lastDigit) }
        for (byte, _) in requiredChars { end = min(end, profile.lastPosition(of: byte)) }
        return end
    }

    /// How far before the first required digit or byte a match may start (`+(`, `DE`, `WDL`, `fe80`).
    static let classLookback = 4
}
