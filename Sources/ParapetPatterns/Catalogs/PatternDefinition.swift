public import ParapetCore

/// One named pattern of a catalog: a regex with a base score, the capture that is the span,
/// context words, validators and the prefilter that decides when the regex runs at all.
public struct PatternDefinition: Sendable, Hashable {
    /// The rule id reported in findings (`aws_access_key_id`).
    public var name: String
    /// The taxonomy category of what it finds.
    public var category: Category
    /// The PCRE2 pattern.
    public var regex: String
    /// The score of a match before context and validators.
    public var score: Double
    /// Which capture is the reported span; nil for the whole match.
    public var group: PatternGroup?
    /// Regex flags (`caseless`, `multiline`, `dot_all`, `extended`, `ucp`).
    public var options: [String]
    /// Words looked for (case-insensitively, on word boundaries) before the match.
    public var contextWords: [String]
    /// How many bytes before the match the context words may start.
    public var contextWindow: Int
    /// Whether a match without a context word is dropped.
    public var contextRequired: Bool
    /// How much a context word right before the match adds to the score (less further away).
    public var contextBoost: Double
    /// Whether a context word serves only the first kept match after it: the window of a later
    /// match stops at the end of the match kept before it ("Date of birth 1986-12-23. Expires
    /// 2025-12-21" gives one birth date).
    public var contextOnce: Bool = false
    /// Words that drop the match when they occur in the context window (`version`, `ISBN`).
    public var excludeContext: [String]
    /// Checks run on the span, in order.
    public var validators: [PatternValidator]
    /// The score of a match whose validators returned `valid`; nil keeps the score.
    public var validScore: Double?
    /// The score of a match a validator rejected; nil drops it.
    public var invalidScore: Double?
    /// Matches whose final score (after context and validators) is below this are dropped.
    public var minScore: Double = 0
    /// What must occur in a text before the regex runs.
    public var requires: PatternPrefilter
    /// A short description for docs and error messages.
    public var description: String?

    /// The first validator's name, if any.
    public var validator: String? { validators.first?.name }

    /// Creates a pattern definition.
    public init(
        name: String, category: Category, regex: String, score: Double, group: PatternGroup? = nil,
        options: [String] = [], contextWords: [String] = [], contextWindow: Int = 48,
        contextRequired: Bool = false, contextBoost: Double = 0.2, excludeContext: [String] = [],
        validators: [PatternValidator] = [], validScore: Double? = nil, invalidScore: Double? = nil,
        requires: PatternPrefilter = PatternPrefilter(), description: String? = nil
    ) {
        self.name = name
        self.category = category
        self.regex = regex
        self.score = score
        self.group = group
        self.options = options
        self.contextWords = contextWords
        self.contextWindow = contextWindow
        self.contextRequired = contextRequired
        self.contextBoost = contextBoost
        self.excludeContext = excludeContext
        self.validators = validators
        self.validScore = validScore
        self.invalidScore = invalidScore
        self.requires = requires
        self.description = description
    }
}

/// Which capture group of a match is the reported span.
public enum PatternGroup: Sendable, Hashable {
    /// A numbered group.
    case index(Int)
    /// A named group.
    case name(String)
    /// The first of several numbered groups that took part in the match (alternatives such as
    /// a double-quoted, single-quoted or bare value).
    case firstOf([Int])
}

/// What must hold for a text before a pattern's regex is run: a required literal and simple
/// byte-class counts, checked in one pass over the text.
public struct PatternPrefilter: Sendable, Hashable {
    /// At least one of these must occur (empty: no literal needed).
    public var literals: [String]
    /// Whether the literals match case-insensitively (ASCII).
    public var caseless: Bool
    /// Whether a literal only counts on word boundaries (context words used as literals).
    public var wordBounded: Bool = false
    /// How many bytes before the first literal occurrence a match may start; nil: anywhere.
    public var lookback: Int?
    /// The bytes a match holds between its start and the literal, as ASCII characters and
    /// ranges (`A-Za-z0-9._%+-`; a `-` first or last is itself): on long texts the search then
    /// starts where the run of such bytes before the literal starts, within `lookback`. Nil: any.
    public var lookbackBytes: String?
    /// Every match holds two occurrences of the literals at most this many bytes apart (start to
    /// start; IPv6's first two colons): on long texts only an occurrence that another follows that
    /// closely starts a search region. Nil: any occurrence.
    public var pairWithin: Int?
    /// At least this many ASCII digits in the text.
    public var digits: Int
    /// At least this many of each byte (`":": 2` for IPv6).
    public var chars: [UInt8: Int]
    /// A run of at least this many token bytes (`[A-Za-z0-9_+/=-]`).
    public var minRun: Int
    /// Where a match may start; ``MatchStarts/anywhere`` unless the catalog narrows it.
    public var starts: MatchStarts = .anywhere

    /// The 256-entry table of ``lookbackBytes``, or nil when it is unset or malformed (a non-ASCII
    /// character, or a range whose ends are out of order).
    func lookbackByteTable() -> [Bool]? {
        guard let spec = lookbackBytes, !spec.isEmpty, spec.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let bytes = Array(spec.utf8)
        var table = [Bool](repeating: false, count: 256)
        var index = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                guard bytes[index] <= bytes[index + 2] else { return nil }
                for byte in bytes[index]...bytes[index + 2] { table[Int(byte)] = true }
                index += 3
            } else {
                table[Int(bytes[index])] = true
                index += 1
            }
        }
        return table
    }

    /// Creates a prefilter; the default lets every text through.
    public init(
        literals: [String] = [], caseless: Bool = false, lookback: Int? = nil, digits: Int = 0,
        chars: [UInt8: Int] = [:], minRun: Int = 0
    ) {
        self.literals = literals
        self.caseless = caseless
        self.lookback = lookback
        self.digits = digits
        self.chars = chars
        self.minRun = minRun
    }
}

/// Which start positions a pattern's regex is tried at (`requires.starts` in a catalog).
public enum MatchStarts: String, Sendable, Hashable, CaseIterable {
    /// Every position the regex itself allows.
    case anywhere
    /// Only the start of a capitalised word that is a listed first name (``FirstNames``; any word
    /// with a non-ASCII letter counts) or that a context word precedes within the context window.
    ///
    /// Exact for a pattern whose only validator is `first_name` and whose `invalid_score` (when
    /// set) is below its `min_score`: a match anywhere else would be dropped after scoring, so the
    /// regex need not be run there. The catalog loader refuses it for any other pattern.
    case firstNameOrContext = "first_name_or_context"
    /// Only inside a run of ASCII digits joined by single spaces, dots, hyphens or
    /// slashes that holds at least `requires.digits` digits (and `requires.chars` dots, when
    /// set); see `DigitRuns`.
    ///
    /// Exact for a pattern whose whole match is such digits and separators: the match then lies
    /// inside one run and has no more digits or dots than it. The loader cannot read that off a
    /// regex; it requires `requires.digits`, and `NameStartsTests` holds every pattern that uses
    /// it to the same pattern run everywhere, on short and long texts.
    case digitRun = "digit_run"
    /// Only at a `+` directly before a digit run, or a `(` before a run of 2 to 5
    /// digits that `)` closes (international phone numbers, `(030)`), when the sign follows no
    /// ASCII letter or digit nor any of `+.,/:#-`.
    ///
    /// Exact for a pattern whose matches start with `+` and an ASCII digit, or with `\(\d{2,5}\)`,
    /// after `(?<![A-Za-z0-9+.,/:#-])`: that digit starts a run, since neither sign joins runs,
    /// and `)` ends one.
    case signBeforeDigits = "sign_before_digits"
    /// Only at two ASCII capitals directly before a digit run whose first two bytes
    /// are digits (IBANs: `DE89…`).
    ///
    /// Exact for a pattern whose matches start with two ASCII capitals and two ASCII digits.
    case capitalsBeforeDigits = "capitals_before_digits"
    /// Only at the last digits of a digit run that an optional ASCII letter,
    /// ASCII whitespace, a capitalised word, ASCII whitespace and another capital follow (house
    /// numbers: `221B Baker Street`). Capitals are ASCII ones or any non-ASCII character.
    ///
    /// Exact for a pattern whose matches start, after no letter or digit, with ASCII digits, an
    /// optional ASCII letter, `\s+` (without `ucp`), a capital, letters (`[\p{L}'-]+`), `\s+`
    /// and a capital: the digits are then the last of a run, as no separator and digit can
    /// follow them.
    case digitsBeforeCapitals = "digits_before_capitals"
    /// Only where an ASCII digit starts a run of at least `requires.min_run`
    /// ASCII letters and digits, after a byte that is neither (legacy Bitcoin addresses).
    ///
    /// Exact for a pattern whose every match is such a whole run, bounded by
    /// `(?<![A-Za-z0-9])` and `(?![A-Za-z0-9])`.
    case digitLedToken = "digit_led_token"

    /// Whether the starts are found among the text's ``DigitRuns``.
    var usesDigitRuns: Bool { self != .anywhere && self != .firstNameOrContext }
}
