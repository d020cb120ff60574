/// A compiled PCRE2 pattern (UTF mode, JIT when available): immutable and shareable across tasks.
///
/// ```swift
/// let email = try CompiledRegex(#"[\w.+-]+@[\w-]+\.[\w.]+"#, options: .caseless)
/// for m in try email.matches(in: "mail é@x.fr or bob@example.com") {
///     print(m.range)  // UTF-8 byte offsets into the subject
/// }
/// ```
///
/// Spans are UTF-8 byte ranges (`Range<Int>`), never `Character` or UTF-16 offsets.
public final class CompiledRegex: @unchecked Sendable {
    // SAFETY: `code` is a pcre2_code_8 that is never mutated after init (JIT compilation happens
    // inside init, before the object escapes); PCRE2 documents compiled code as safe to use from
    // several threads at once. All mutable match-time state (match data, match context, JIT
    // stack) lives in per-thread `MatchScratch`, never here. Every other stored property is an
    // immutable value. `deinit` frees the code once no thread can reference it.
    let code: OpaquePointer

    /// The pattern source as given.
    public let pattern: String
    /// The options the pattern was compiled with.
    public let options: RegexOptions
    /// The limits applied to every match.
    public let limits: MatchLimits
    /// Whether `pcre2_jit_compile_8` succeeded; otherwise matching uses the interpreter.
    public let isJITCompiled: Bool
    /// Number of capture groups, not counting group 0 (the whole match).
    public let captureCount: Int
    /// Named groups and their numbers (the lowest number when a name is used twice).
    public let captureNames: [String: Int]
    /// True when the pattern can only match at the start offset (option or leading `^`/`\A`).
    let isAnchored: Bool
    /// The last literal ASCII byte every match contains (both cases for letters), if PCRE2 knows
    /// one; checked with `memchr` before long scans (see `CompiledRegex+Scan.swift`).
    let requiredBytes: (UInt8, UInt8)?
    /// Where matches can start, for skipping ahead in chunked scans.
    let startFilter: StartFilter

    /// Subjects longer than this many bytes are scanned in chunks under the time budget
    /// (`MatchLimits.scanTimeMicroseconds`); shorter ones run in one `pcre2_match` call.
    public static let budgetedSubjectBytes = 4096

    /// Compiles `pattern` in UTF mode (`pcre2_compile_8`), then JIT-compiles it when `jit` is true
    /// and JIT is available (`pcre2_jit_compile_8`, `PCRE2_JIT_COMPLETE`).
    ///
    /// - Throws: ``RegexError/Code/compile`` with PCRE2's message and the pattern byte offset.
    public init(
        _ pattern: String,
        options: RegexOptions = [],
        limits: MatchLimits = .default,
        jit: Bool = true
    ) throws(RegexError) {
        var source = pattern
        let flags = Self.pcre2Options(options)
        let result = source.withUTF8 { PCRE2.compile($0, options: flags) }
        switch result {
        case .failure(let failure):
            throw RegexError(code: .compile, message: PCRE2.errorMessage(failure.code), offset: failure.offset)
        case .success(let code):
            self.code = code
        }
        self.pattern = pattern
        self.options = options
        self.limits = limits
        self.isJITCompiled = jit && PCRE2.jitCompile(code)
        self.captureCount = PCRE2.captureCount(code)
        self.captureNames = PCRE2.captureNames(code)
        let allOptions = PCRE2.allOptions(code)
        self.isAnchored = allOptions & PCRE2.anchored != 0
        let start = PCRE2.startInfo(code)
        self.startFilter = StartFilter(
            type: start.type, unit: start.unit, bitmap: start.bitmap, allOptions: allOptions,
            newlineEndsWithLF: PCRE2.newlineEndsWithLF(code))
        self.requiredBytes = PCRE2.requiredByte(code).flatMap(Self.bothCases)
    }

    deinit {
        PCRE2.free(code: code)
    }

    /// The number of the group named `named`, or `nil` if the pattern has no such group.
    public func captureIndex(named: String) -> Int? {
        captureNames[named]
    }

    /// An ASCII byte and its other case (itself for non-letters); nil for non-ASCII bytes,
    /// whose caseless variants are not a single byte.
    static func bothCases(_ byte: UInt8) -> (UInt8, UInt8)? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): (byte, byte - 32)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): (byte, byte + 32)
        case 0..<0x80: (byte, byte)
        default: nil
        }
    }

    /// PCRE2 compile options: always UTF; `\C` is refused because it could split a UTF-8
    /// sequence and yield spans off scalar boundaries; offset limits are enabled for chunked scans.
    static func pcre2Options(_ options: RegexOptions) -> UInt32 {
        var flags = PCRE2.utf | PCRE2.neverBackslashC | PCRE2.useOffsetLimit
        if options.contains(.caseless) { flags |= PCRE2.caseless }
        if options.contains(.multiline) { flags |= PCRE2.multiline }
        if options.contains(.dotAll) { flags |= PCRE2.dotAll }
        if options.contains(.extended) { flags |= PCRE2.extended }
        if options.contains(.unicodeProperties) { flags |= PCRE2.ucp }
        if options.contains(.anchored) { flags |= PCRE2.anchored }
        if options.contains(.ungreedy) { flags |= PCRE2.ungreedy }
        return flags
    }
}
