/// An error from compiling or running a regex, with a stable machine-readable code.
public struct RegexError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable error codes; the raw values are part of the public contract (logs, audit, CLI).
    public enum Code: String, Sendable {
        /// The pattern did not compile; `offset` is the byte offset in the pattern.
        case compile
        /// `MatchLimits.match` was hit, or the scan exceeded `MatchLimits.scanTimeMicroseconds`.
        case matchLimit = "match_limit"
        /// `MatchLimits.depth` was hit (or the JIT stack ran out).
        case depthLimit = "depth_limit"
        /// `MatchLimits.heapKiB` was hit.
        case heapLimit = "heap_limit"
        /// The byte subject is not valid UTF-8; `offset` is the byte offset of the bad sequence.
        case invalidUTF8 = "invalid_utf8"
        /// Anything else PCRE2 reported (out of memory, bad offset, ...).
        case `internal`
    }

    /// What went wrong, as a stable code.
    public var code: Code
    /// Human-readable detail, usually PCRE2's own message (`pcre2_get_error_message_8`).
    public var message: String
    /// Pattern byte offset for compile errors, subject byte offset for UTF-8 and limit errors.
    public var offset: Int?

    /// Creates an error.
    public init(code: Code, message: String, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    /// `code: message (at offset N)`.
    public var description: String {
        if let offset { return "\(code.rawValue): \(message) (at offset \(offset))" }
        return "\(code.rawValue): \(message)"
    }
}

extension RegexError {
    /// Maps a negative `pcre2_match_8` result to an error; `offset` is a subject byte offset.
    init(matchResult result: Int32, offset: Int?) {
        let code: Code =
            switch result {
            case PCRE2.errorMatchLimit: .matchLimit
            case PCRE2.errorDepthLimit, PCRE2.errorJITStackLimit: .depthLimit
            case PCRE2.errorHeapLimit: .heapLimit
            case PCRE2.utf8ErrorRange: .invalidUTF8
            default: .internal
            }
        self.init(code: code, message: PCRE2.errorMessage(result), offset: offset)
    }
}
