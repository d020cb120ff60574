/// Public matching entry points; all spans are UTF-8 byte ranges into the subject.
extension CompiledRegex {
    /// The leftmost match starting at or after UTF-8 byte `byteOffset`, or `nil`.
    ///
    /// - Throws: a limit error (`match_limit`, `depth_limit`, `heap_limit`); `invalid_utf8` if
    ///   `byteOffset` falls inside a multi-byte scalar; `internal` if it is past the end.
    public func firstMatch(in subject: String, from byteOffset: Int = 0) throws(RegexError) -> RegexMatch? {
        try firstMatch(in: subject, from: byteOffset, startingAtMost: Int.max)
    }

    /// The leftmost match that starts at or after `byteOffset` and at or before `lastStart`, or
    /// `nil`: the search tries no start position past `lastStart` (PCRE2's offset limit), so a
    /// caller that knows where matches can start pays only for those positions.
    ///
    /// - Throws: as ``firstMatch(in:from:)``.
    public func firstMatch(in subject: String, from byteOffset: Int, startingAtMost lastStart: Int) throws(RegexError) -> RegexMatch? {
        var subject = subject
        let result = subject.withUTF8 { bytes in
            Result { () throws(RegexError) -> RegexMatch? in
                try firstMatch(bytes, from: byteOffset, lastStart: lastStart, checkUTF: false)
            }
        }
        return try result.get()
    }

    /// As ``firstMatch(in:from:startingAtMost:)``, on UTF-8 bytes the caller already holds, such
    /// as a `String`'s inside `withUTF8`: a caller that searches one text many times skips the
    /// string access per call.
    ///
    /// - Precondition: `bytes` is valid UTF-8 (a Swift `String`'s bytes always are); it is not
    ///   checked again.
    public func firstMatch(
        inValidUTF8 bytes: UnsafeBufferPointer<UInt8>, from byteOffset: Int, startingAtMost lastStart: Int
    ) throws(RegexError) -> RegexMatch? {
        try firstMatch(bytes, from: byteOffset, lastStart: lastStart, checkUTF: false)
    }

    /// All non-overlapping matches, left to right.
    public func matches(in subject: String) throws(RegexError) -> [RegexMatch] {
        var subject = subject
        let result = subject.withUTF8 { bytes in
            Result { () throws(RegexError) -> [RegexMatch] in try collect(bytes, checkUTF: false) }
        }
        return try result.get()
    }

    /// All non-overlapping matches in a byte buffer, which is validated as UTF-8 first.
    ///
    /// - Throws: ``RegexError/Code/invalidUTF8`` with the byte offset of the first bad sequence.
    public func matches(inBytes subject: UnsafeBufferPointer<UInt8>) throws(RegexError) -> [RegexMatch] {
        try collect(subject, checkUTF: !Self.isASCII(subject))
    }

    /// All non-overlapping matches in a byte array, which is validated as UTF-8 first.
    public func matches(inBytes subject: [UInt8]) throws(RegexError) -> [RegexMatch] {
        let result = subject.withUnsafeBufferPointer { bytes in
            Result { () throws(RegexError) -> [RegexMatch] in try collect(bytes, checkUTF: !Self.isASCII(bytes)) }
        }
        return try result.get()
    }

    /// Calls `body` for each match, left to right, without building an array; return false to stop.
    ///
    /// `body` may use other regexes (each nested call gets its own match scratch). Time spent in
    /// `body` does not count towards `MatchLimits.scanTimeMicroseconds`.
    public func forEachMatch(in subject: String, _ body: (RegexMatch) throws -> Bool) throws {
        var subject = subject
        var bodyError: (any Error)?
        let result = subject.withUTF8 { bytes in
            Result { () throws(RegexError) in
                try scan(bytes, checkUTF: false, excludingVisitTime: true) { ovector, pairs in
                    do {
                        return try body(makeMatch(ovector, pairs: pairs))
                    } catch {
                        bodyError = error
                        return false
                    }
                }
            }
        }
        if let bodyError { throw bodyError }
        try result.get()
    }

    /// Whether the pattern matches anywhere in the byte buffer (validated as UTF-8); builds no match.
    public func hasMatch(in subject: UnsafeBufferPointer<UInt8>) throws(RegexError) -> Bool {
        try hasMatch(subject, checkUTF: !Self.isASCII(subject))
    }

    /// Whether the pattern matches anywhere in `subject`; builds no match.
    public func hasMatch(in subject: String) throws(RegexError) -> Bool {
        var subject = subject
        let result = subject.withUTF8 { bytes in
            Result { () throws(RegexError) -> Bool in try hasMatch(bytes, checkUTF: false) }
        }
        return try result.get()
    }

    // MARK: - Shared bodies

    /// True when every byte is below 0x80: such a buffer is valid UTF-8 and PCRE2's own check
    /// (about 5-10 ns a byte) can be skipped. Reads eight bytes at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] & 0x80 != 0 { return false }
            index += 1
        }
        return true
    }

    private func collect(_ bytes: UnsafeBufferPointer<UInt8>, checkUTF: Bool) throws(RegexError) -> [RegexMatch] {
        var found: [RegexMatch] = []
        try scan(bytes, checkUTF: checkUTF) { ovector, pairs in
            found.append(makeMatch(ovector, pairs: pairs))
            return true
        }
        return found
    }

    private func hasMatch(_ bytes: UnsafeBufferPointer<UInt8>, checkUTF: Bool) throws(RegexError) -> Bool {
        try MatchScratch.with(pairs: captureCount + 1, limits: limits) { (scratch) throws(RegexError) in
            var state = ScanState(subjectLength: bytes.count, limits: limits, checkUTF: checkUTF, jit: isJITCompiled)
            return try search(bytes, from: 0, options: 0, scratch: scratch, state: &state) > 0
        }
    }

    private func firstMatch(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from offset: Int,
        lastStart: Int,
        checkUTF: Bool
    ) throws(RegexError) -> RegexMatch? {
        guard offset >= 0, offset <= bytes.count else {
            throw RegexError(code: .internal, message: "start offset out of range 0...\(bytes.count)", offset: offset)
        }
        if offset < bytes.count, bytes[offset] & 0xC0 == 0x80 {
            throw RegexError(code: .invalidUTF8, message: "start offset is inside a UTF-8 sequence", offset: offset)
        }
        return try MatchScratch.with(pairs: captureCount + 1, limits: limits) { (scratch) throws(RegexError) in
            // One start position (a caller that knows where a match can start) needs no budget clock.
            var state = ScanState(
                subjectLength: bytes.count, limits: limits, checkUTF: checkUTF, jit: isJITCompiled, oneStart: lastStart <= offset)
            state.startLimit = lastStart
            let rc = try search(bytes, from: offset, options: 0, scratch: scratch, state: &state)
            return rc > 0 ? makeMatch(scratch.ovector, pairs: rc) : nil
        }
    }
}
