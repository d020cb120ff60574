// Every C call ParapetRegex makes lives in this file (swift-system `Internals/Syscalls.swift`,
// rust-pcre2 `ffi.rs`). The rest of the module sees PCRE2 objects only as `OpaquePointer`s and
// plain Swift integers; nothing else imports CPCRE2, and CPCRE2 is never re-exported.
//
// PCRE2's generic names (`pcre2_compile`, `pcre2_match`, ...) are macros and do not import, so
// we call the 8-bit `_8` functions and always pass explicit UTF-8 byte lengths
// (`PCRE2_ZERO_TERMINATED` is a cast-expression macro and does not import either).

internal import CPCRE2

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Namespace for the raw PCRE2 (and the few libc) calls; every function is a thin wrapper.
enum PCRE2 {
    // MARK: Option and error constants

    static let utf = UInt32(PCRE2_UTF)
    static let ucp = UInt32(PCRE2_UCP)
    static let caseless = UInt32(PCRE2_CASELESS)
    static let multiline = UInt32(PCRE2_MULTILINE)
    static let dotAll = UInt32(PCRE2_DOTALL)
    static let extended = UInt32(PCRE2_EXTENDED)
    static let anchored = UInt32(PCRE2_ANCHORED)
    static let ungreedy = UInt32(PCRE2_UNGREEDY)
    static let neverBackslashC = UInt32(PCRE2_NEVER_BACKSLASH_C)
    static let useOffsetLimit = UInt32(PCRE2_USE_OFFSET_LIMIT)
    static let noUTFCheck = UInt32(PCRE2_NO_UTF_CHECK)
    static let notEmptyAtStart = UInt32(PCRE2_NOTEMPTY_ATSTART)
    static let noJIT = UInt32(PCRE2_NO_JIT)
    static let noStartOptimize = UInt32(PCRE2_NO_START_OPTIMIZE)
    static let partialHard = UInt32(PCRE2_PARTIAL_HARD)

    static let errorNoMatch = Int32(PCRE2_ERROR_NOMATCH)
    static let errorPartial = Int32(PCRE2_ERROR_PARTIAL)
    static let errorMatchLimit = Int32(PCRE2_ERROR_MATCHLIMIT)
    static let errorDepthLimit = Int32(PCRE2_ERROR_DEPTHLIMIT)
    static let errorHeapLimit = Int32(PCRE2_ERROR_HEAPLIMIT)
    static let errorJITStackLimit = Int32(PCRE2_ERROR_JIT_STACKLIMIT)
    /// PCRE2_ERROR_UTF8_ERR21 ... PCRE2_ERROR_UTF8_ERR1 (-23 ... -3).
    static let utf8ErrorRange = Int32(PCRE2_ERROR_UTF8_ERR21)...Int32(PCRE2_ERROR_UTF8_ERR1)

    /// `PCRE2_UNSET` (`~(PCRE2_SIZE)0`) as Swift imports `size_t`.
    static let unset: Int = -1

    // MARK: Compile

    /// Calls `pcre2_compile_8`; returns the code or the error code and pattern byte offset.
    static func compile(
        _ pattern: UnsafeBufferPointer<UInt8>,
        options: UInt32
    ) -> Result<OpaquePointer, CompileFailure> {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        var empty: UInt8 = 0
        let code: OpaquePointer? =
            if let base = pattern.baseAddress {
                pcre2_compile_8(base, pattern.count, options, &errorCode, &errorOffset, nil)
            } else {
                // PCRE2 10.42 rejects a NULL pattern even with length 0.
                pcre2_compile_8(&empty, 0, options, &errorCode, &errorOffset, nil)
            }
        guard let code else { return .failure(CompileFailure(code: errorCode, offset: errorOffset)) }
        return .success(code)
    }

    /// Error code and pattern offset reported by `pcre2_compile_8`.
    struct CompileFailure: Error {
        var code: Int32
        var offset: Int
    }

    /// Calls `pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD)`; true when
    /// JIT code was produced. The hard-partial code serves windowed searches of long subjects.
    static func jitCompile(_ code: OpaquePointer) -> Bool {
        pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE) | UInt32(PCRE2_JIT_PARTIAL_HARD)) == 0
    }

    /// Calls `pcre2_code_free_8`.
    static func free(code: OpaquePointer) {
        pcre2_code_free_8(code)
    }

    /// `pcre2_pattern_info_8(PCRE2_INFO_CAPTURECOUNT)`.
    static func captureCount(_ code: OpaquePointer) -> Int {
        var count: UInt32 = 0
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        return Int(count)
    }

    /// `pcre2_pattern_info_8(PCRE2_INFO_ALLOPTIONS)`: includes PCRE2_ANCHORED when the pattern
    /// is anchored by its structure (e.g. a leading `^` without multiline).
    static func allOptions(_ code: OpaquePointer) -> UInt32 {
        var options: UInt32 = 0
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_ALLOPTIONS), &options)
        return options
    }

    /// `PCRE2_INFO_LASTCODETYPE/LASTCODEUNIT`: the last literal byte every match must contain, if any.
    static func requiredByte(_ code: OpaquePointer) -> UInt8? {
        var type: UInt32 = 0
        var unit: UInt32 = 0
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_LASTCODETYPE), &type)
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_LASTCODEUNIT), &unit)
        return type == 1 && unit <= 0xFF ? UInt8(unit) : nil
    }

    /// `PCRE2_INFO_FIRSTCODETYPE/FIRSTCODEUNIT/FIRSTBITMAP`: where a match can start.
    static func startInfo(_ code: OpaquePointer) -> (type: UInt32, unit: UInt32, bitmap: [UInt8]?) {
        var type: UInt32 = 0
        var unit: UInt32 = 0
        var bitmap: UnsafePointer<UInt8>? = nil
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODETYPE), &type)
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODEUNIT), &unit)
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTBITMAP), &bitmap)
        return (type, unit, bitmap.map { Array(UnsafeBufferPointer(start: $0, count: 32)) })
    }

    /// `PCRE2_INFO_NEWLINE` is LF or CRLF, so every line start follows a `\n` byte.
    static func newlineEndsWithLF(_ code: OpaquePointer) -> Bool {
        var newline: UInt32 = 0
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NEWLINE), &newline)
        return newline == UInt32(PCRE2_NEWLINE_LF) || newline == UInt32(PCRE2_NEWLINE_CRLF)
    }

    /// `memchr`: offset of the first `byte` in `subject[from...]`, or nil.
    static func find(_ byte: UInt8, in subject: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = subject.baseAddress, from < subject.count else { return nil }
        guard let hit = memchr(base + from, Int32(byte), subject.count - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Reads the name table (`PCRE2_INFO_NAMECOUNT/NAMEENTRYSIZE/NAMETABLE`) into a dictionary.
    static func captureNames(_ code: OpaquePointer) -> [String: Int] {
        var count: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: PCRE2_SPTR8? = nil
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard count > 0, let table else { return [:] }
        var names: [String: Int] = [:]
        for entry in 0..<Int(count) {
            // Each entry: 2-byte big-endian group number, then the NUL-terminated name.
            let base = table + entry * Int(entrySize)
            let number = Int(base[0]) << 8 | Int(base[1])
            var length = 0
            while length < Int(entrySize) - 2, base[2 + length] != 0 { length += 1 }
            let name = String(decoding: UnsafeBufferPointer(start: base + 2, count: length), as: UTF8.self)
            // Duplicate names ((?J) or (?|...)): keep the lowest group number.
            if let existing = names[name], existing <= number { continue }
            names[name] = number
        }
        return names
    }

    /// `pcre2_get_error_message_8` as a Swift string.
    static func errorMessage(_ code: Int32) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { buffer -> String in
            guard let base = buffer.baseAddress else { return "PCRE2 error \(code)" }
            let length = pcre2_get_error_message_8(code, base, buffer.count)
            guard length >= 0 else { return "PCRE2 error \(code)" }
            return String(decoding: UnsafeBufferPointer(start: base, count: Int(length)), as: UTF8.self)
        }
    }

    // MARK: Match-time objects

    /// `pcre2_match_context_create_8`.
    static func createMatchContext() -> OpaquePointer? {
        pcre2_match_context_create_8(nil)
    }

    /// `pcre2_match_context_free_8`.
    static func free(matchContext: OpaquePointer) {
        pcre2_match_context_free_8(matchContext)
    }

    /// `pcre2_set_match_limit_8`, `pcre2_set_depth_limit_8` and `pcre2_set_heap_limit_8`.
    static func setLimits(_ context: OpaquePointer, match: UInt32, depth: UInt32, heapKiB: UInt32) {
        _ = pcre2_set_match_limit_8(context, match)
        _ = pcre2_set_depth_limit_8(context, depth)
        _ = pcre2_set_heap_limit_8(context, heapKiB)
    }

    /// `pcre2_set_offset_limit_8`; pass `unset` to remove the limit.
    static func setOffsetLimit(_ context: OpaquePointer, _ offset: Int) {
        _ = pcre2_set_offset_limit_8(context, offset)
    }

    /// `pcre2_jit_stack_create_8` + `pcre2_jit_stack_assign_8` on `context`.
    static func createJITStack(assigningTo context: OpaquePointer, startBytes: Int, maxBytes: Int) -> OpaquePointer? {
        guard let stack = pcre2_jit_stack_create_8(startBytes, maxBytes, nil) else { return nil }
        pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack))
        return stack
    }

    /// `pcre2_jit_stack_free_8`.
    static func free(jitStack: OpaquePointer) {
        pcre2_jit_stack_free_8(jitStack)
    }

    /// `pcre2_match_data_create_8(pairs)`.
    static func createMatchData(pairs: Int) -> OpaquePointer? {
        pcre2_match_data_create_8(UInt32(pairs), nil)
    }

    /// `pcre2_match_data_free_8`.
    static func free(matchData: OpaquePointer) {
        pcre2_match_data_free_8(matchData)
    }

    /// `pcre2_get_ovector_pointer_8`: pairs of byte offsets, `unset` for groups that did not take part.
    static func ovector(_ matchData: OpaquePointer) -> UnsafeMutablePointer<Int> {
        pcre2_get_ovector_pointer_8(matchData)
    }

    /// `pcre2_get_startchar_8`: for a UTF error, the offset of the offending byte sequence.
    static func startChar(_ matchData: OpaquePointer) -> Int {
        pcre2_get_startchar_8(matchData)
    }

    /// `pcre2_match_8` over `subject` starting at byte `start` (uses JIT code when present).
    @inline(__always)
    static func match(
        _ code: OpaquePointer,
        _ subject: UnsafeBufferPointer<UInt8>,
        start: Int,
        options: UInt32,
        matchData: OpaquePointer,
        context: OpaquePointer
    ) -> Int32 {
        if let base = subject.baseAddress {
            return pcre2_match_8(code, base, subject.count, start, options, matchData, context)
        }
        var empty: UInt8 = 0  // PCRE2 10.42 rejects a NULL subject even with length 0.
        return pcre2_match_8(code, &empty, 0, start, options, matchData, context)
    }

    // MARK: libc: thread-local slot and monotonic clock

    /// Creates a pthread key whose destructor releases an `Unmanaged` object left in the slot.
    static func createThreadKey() -> pthread_key_t {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            #if canImport(Darwin)
            Unmanaged<AnyObject>.fromOpaque(pointer).release()
            #else
            if let pointer { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
            #endif
        }
        precondition(status == 0, "pthread_key_create failed: \(status)")
        return key
    }

    /// `pthread_getspecific`.
    @inline(__always)
    static func threadValue(_ key: pthread_key_t) -> UnsafeMutableRawPointer? {
        pthread_getspecific(key)
    }

    /// `pthread_setspecific`.
    @inline(__always)
    static func setThreadValue(_ key: pthread_key_t, _ value: UnsafeRawPointer?) {
        _ = pthread_setspecific(key, value)
    }

    /// `clock_gettime(CLOCK_MONOTONIC)` in nanoseconds (served by the vDSO, no system call).
    /// Wall time bounds a thread's CPU time from above, so it can rule out a budget overrun
    /// without the costlier CPU-time clock.
    @inline(__always)
    static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        _ = clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// `clock_gettime(CLOCK_THREAD_CPUTIME_ID)` in nanoseconds: CPU time of the calling thread,
    /// so a scan's budget measures the work it did, not how busy the machine was.
    @inline(__always)
    static func threadCPUNanoseconds() -> UInt64 {
        var time = timespec()
        _ = clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
