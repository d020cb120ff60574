import ParapetRegex
import Testing

/// Compile errors, invalid UTF-8 byte subjects, and resource limits with stable codes.
@Suite struct ErrorTests {
    @Test(arguments: [
        ("abc(", 4, "missing closing parenthesis"),
        ("é[z-a]", 5, "range out of order"),
        ("a{2,1}", 5, "out of order"),
        ("(?<n>a)(?<n>b)", 12, "same name"),
        (#"a\C"#, 3, "\\C"),
    ])
    func compileErrorsCarryOffsetAndMessage(pattern: String, offset: Int, fragment: String) throws {
        do {
            _ = try CompiledRegex(pattern)
            Issue.record("\(pattern) should not compile")
        } catch {
            #expect(error.code == .compile)
            #expect(error.offset == offset)
            #expect(error.message.contains(fragment), "\(error.message)")
            #expect(error.description.hasPrefix("compile: "))
        }
    }

    @Test(arguments: [
        ([0x61, 0x62, 0xFF, 0x63] as [UInt8], 2),
        ([0x61, 0xC3] as [UInt8], 1),  // truncated 2-byte sequence at the end
        ([0xE2, 0x82, 0x41] as [UInt8], 0),  // bad continuation byte
        ([0x61, 0xED, 0xA0, 0x80] as [UInt8], 1),  // UTF-16 surrogate
        ([0xC0, 0xAF] as [UInt8], 0),  // overlong
    ])
    func invalidUTF8BytesAreRejectedWithOffset(bytes: [UInt8], offset: Int) throws {
        let regex = try CompiledRegex("c")
        do {
            _ = try regex.matches(inBytes: bytes)
            Issue.record("expected invalid_utf8")
        } catch {
            #expect(error.code == .invalidUTF8)
            #expect(error.offset == offset)
        }
        #expect(throws: RegexError.self) { try bytes.withUnsafeBufferPointer { try regex.hasMatch(in: $0) } }
    }

    @Test func validBytesMatchLikeStrings() throws {
        let regex = try CompiledRegex("é.")
        let subject = "aébéc😀"
        let fromBytes = try regex.matches(inBytes: Array(subject.utf8))
        #expect(fromBytes == (try regex.matches(in: subject)))
        #expect(fromBytes.map(\.range) == [1..<4, 4..<7])
        let viaPointer = try Array(subject.utf8).withUnsafeBufferPointer { try regex.matches(inBytes: $0) }
        #expect(viaPointer == fromBytes)
        #expect(try regex.matches(inBytes: [UInt8]()) == [])
    }

    @Test(arguments: [true, false])
    func catastrophicBacktrackingHitsMatchLimit(jit: Bool) throws {
        let regex = try CompiledRegex("(a+)+$", jit: jit)
        let subject = String(repeating: "a", count: 64) + "b"
        do {
            _ = try regex.matches(in: subject)
            Issue.record("expected match_limit")
        } catch {
            #expect(error.code == .matchLimit)
            #expect(error.code.rawValue == "match_limit")
        }
    }

    @Test func depthLimitInInterpreter() throws {
        let limits = MatchLimits(match: 10_000_000, depth: 1_000, heapKiB: 1_000_000)
        let regex = try CompiledRegex("(?:a|b)*c", limits: limits, jit: false)
        do {
            _ = try regex.hasMatch(in: String(repeating: "ab", count: 2_000) + "dc")
            Issue.record("expected depth_limit")
        } catch {
            #expect(error.code == .depthLimit)
        }
    }

    @Test func jitStackExhaustionIsDepthLimit() throws {
        let limits = MatchLimits(
            match: 100_000_000, depth: 250_000, heapKiB: 65_536, scanTimeMicroseconds: 0, jitMaxSubjectBytes: .max)
        let regex = try CompiledRegex("(?:(a)|b)*c", limits: limits)
        try #require(regex.isJITCompiled)
        // Each iteration with a capture pushes JIT stack; millions of them exceed 8 MiB.
        let subject = String(repeating: "ab", count: 1_500_000) + "dc"
        do {
            _ = try regex.hasMatch(in: subject)
            Issue.record("expected depth_limit")
        } catch {
            #expect(error.code == .depthLimit)
        }
    }

    @Test func nestedDotStarOnLongLineHitsTheLimitInsteadOfRunningForSeconds() throws {
        // Under JIT this input takes ~10 s before PCRE2 reports the match limit (the JIT does
        // not count single-character backtracking); long subjects use the interpreter instead.
        let regex = try CompiledRegex(".*.*=x")
        #expect(regex.isJITCompiled)
        do {
            _ = try regex.matches(in: String(repeating: "a", count: 65_536) + "\n=x")
            Issue.record("expected match_limit")
        } catch {
            #expect(error.code == .matchLimit)
        }
    }

    @Test func heapLimitInInterpreter() throws {
        let limits = MatchLimits(match: 100_000_000, depth: 100_000_000, heapKiB: 100)
        let regex = try CompiledRegex("(?:(a)|b)*c", limits: limits, jit: false)
        do {
            _ = try regex.hasMatch(in: String(repeating: "ab", count: 20_000) + "dc")
            Issue.record("expected heap_limit")
        } catch {
            #expect(error.code == .heapLimit)
            #expect(error.code.rawValue == "heap_limit")
        }
    }

    @Test func scanTimeBudgetStopsQuadraticScansOnLongSubjects() throws {
        // [a-z]+\d is possessified; every start position scans to the end: quadratic work that
        // PCRE2's per-start match limit never sees. A 1 µs budget must stop it.
        let limits = MatchLimits(match: 1_000_000, depth: 250_000, heapKiB: 65_536, scanTimeMicroseconds: 1)
        let regex = try CompiledRegex(#"[a-z]+\d"#, limits: limits)
        let subject = String(repeating: "a", count: 200_000)
        do {
            _ = try regex.matches(in: subject)
            Issue.record("expected match_limit")
        } catch {
            #expect(error.code == .matchLimit)
            #expect(error.message.contains("budget"))
        }
    }
}
