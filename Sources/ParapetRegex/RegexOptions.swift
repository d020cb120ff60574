/// Compile options for a ``CompiledRegex``; UTF mode (`PCRE2_UTF`) is always on.
public struct RegexOptions: OptionSet, Sendable, Hashable {
    /// The raw option bits (Parapet's own numbering, not PCRE2's).
    public let rawValue: UInt32

    /// Creates an option set from raw bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Case-insensitive matching (`PCRE2_CASELESS`, `(?i)`).
    public static let caseless = RegexOptions(rawValue: 1 << 0)
    /// `^` and `$` match at line starts and ends (`PCRE2_MULTILINE`, `(?m)`).
    public static let multiline = RegexOptions(rawValue: 1 << 1)
    /// `.` also matches newlines (`PCRE2_DOTALL`, `(?s)`).
    public static let dotAll = RegexOptions(rawValue: 1 << 2)
    /// Ignore unescaped whitespace and `#` comments in the pattern (`PCRE2_EXTENDED`, `(?x)`).
    public static let extended = RegexOptions(rawValue: 1 << 3)
    /// Unicode semantics for `\d \w \s \b` and POSIX classes (`PCRE2_UCP`).
    ///
    /// Off by default: it roughly halves matching speed. Ask for it only for patterns whose
    /// classes must see non-ASCII letters and digits; `\p{L}` etc. work without it.
    public static let unicodeProperties = RegexOptions(rawValue: 1 << 4)
    /// The match must start at the search's start offset (`PCRE2_ANCHORED`).
    public static let anchored = RegexOptions(rawValue: 1 << 5)
    /// Invert greediness: `a*` is lazy and `a*?` greedy (`PCRE2_UNGREEDY`, `(?U)`).
    public static let ungreedy = RegexOptions(rawValue: 1 << 6)
}
