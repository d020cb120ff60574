import Foundation
import ParapetAudit
import ParapetCore
import ParapetTestSupport
import Testing

@Suite struct DecisionEventTests {
    let context = AuditContext(
        requestID: "req-1", conversationID: "conv-1", route: "/v1/chat/completions", model: "m", direction: .input)

    @Test func findingsKeepWhereAndWhatButNeverTheMatchedText() throws {
        let event = DecisionEvent(decision: Fixtures.rewriteDecision(), context: context)
        #expect(event.findings.map(\.category) == ["pii.email", "secret.aws_access_key_id"])
        #expect(event.findings[0].start == 5)
        #expect(event.findings[0].end == 5 + Fixtures.email.utf8.count)
        #expect(event.rules == [AuditRule(rule: "pseudonymize-pii", action: .rewrite, findings: [0, 1])])
        #expect(event.latencyMicros == 123)
        let body = String(decoding: event.canonicalJSON(), as: UTF8.self)
        #expect(!body.contains(Fixtures.email))
        #expect(!body.contains(Fixtures.fakeKey))
    }

    @Test(arguments: [("hash", "hash"), ("full", "full"), ("none", "-")])
    func rewrittenTextIsStoredAsThePrivacySettingSays(name: String, mode: String) throws {
        let privacy = try #require(TextPrivacy(name: name))
        let event = DecisionEvent(decision: Fixtures.rewriteDecision(), context: context, privacy: privacy)
        #expect((event.text?.mode ?? "-") == mode)
        #expect(event.text?.value == (name == "full" ? "mail <EMAIL_1> with key <SECRET_1>" : nil))
        if name != "none" { #expect(event.text?.hash?.hasPrefix("sha256:") == true) }
    }

    @Test func keyedHashDependsOnTheKey() {
        let a = TextPrivacy.keyedHash(key: Data("key-a".utf8)).record(for: "x")
        let b = TextPrivacy.keyedHash(key: Data("key-b".utf8)).record(for: "x")
        #expect(a?.hash?.hasPrefix("hmac-sha256:") == true)
        #expect(a?.hash != b?.hash)
    }

    @Test func anOriginalTextIsNeverStoredEvenWithFullPrivacy() {
        let event = DecisionEvent(decision: Fixtures.allowDecision(), context: context, privacy: .full)
        #expect(event.text == nil)
        #expect(!String(decoding: event.canonicalJSON(), as: UTF8.self).contains(Fixtures.email))
    }

    @Test func canonicalJSONRoundTripsToTheSameBytes() throws {
        var generator = SeededGenerator(seed: 0x5eed)
        let alphabet = Array("aZ09 \"\\\n\t\u{1}\u{7f}éß中😀<>&,")
        for index in 0..<200 {
            var event = Fixtures.event(index)
            let length = Int.random(in: 0..<20, using: &generator)
            event.error = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            event.scores = ["a": Double.random(in: 0...1, using: &generator), "b": 1e-7, "c": 1]
            event.findings = event.findings.map {
                var finding = $0
                finding.score = Double.random(in: 0...1, using: &generator)
                return finding
            }
            let body = event.canonicalJSON()
            let decoded = try DecisionEvent.decode(body: body, location: "test")
            #expect(decoded == event)
            #expect(decoded.canonicalJSON() == body)
        }
    }

    @Test func linkHashIsThePinnedFormula() {
        // Pinned against Python: sha256("parapet-audit/1\n" + chain + "\n42\n" + 64 zeros + "\n" + "ab" * 32).
        let hash = ChainedEvent.linkHash(
            chain: "c0ffee00-0000-4000-8000-000000000001", seq: 42, prev: ChainedEvent.genesis,
            contentDigest: String(repeating: "ab", count: 32))
        #expect(hash == "e6506508f8d77e95739c21b3a5de3caf25891665b9d23c29185cff6f291a5811")
    }

    @Test func canonicalJSONEscapesExactlyAsSpecified() {
        var event = Fixtures.event(0)
        event.error = "a\"b\\c\n\r\t\u{1}\u{7f}é中"
        let body = String(decoding: event.canonicalJSON(), as: UTF8.self)
        #expect(body.contains(#""error":"a\"b\\c\n\r\t\u0001\u007fé中""#))
    }

    @Test(arguments: [
        ("2026-11-29T19:51:46.123456Z", Int64(1_795_981_906_123_456)),
        ("1970-01-01T00:00:00.000000Z", Int64(0)),
        ("2000-02-29T23:59:59.000001Z", Int64(951_868_799_000_001)),
    ])
    func timesFormatAndParseBothWays(text: String, micros: Int64) {
        #expect(AuditClock.iso(micros) == text)
        #expect(AuditClock.parse(text) == micros)
    }

    @Test func datesWithoutTimeAndUnixSecondsParse() {
        #expect(AuditClock.parse("1970-01-02") == 86_400_000_000)
        #expect(AuditClock.parse("1970-01-01T01:00") == 3_600_000_000)
        #expect(AuditClock.parse("86400") == 86_400_000_000)
        #expect(AuditClock.parse("yesterday") == nil)
    }

    @Test(arguments: ["2026-02-30", "2025-02-29", "1900-02-29", "2026-04-31", "2026-12-01T24:00", "2026-12-01T26:29",
                      "2026-12-01T02:60", "2026-12-01T02:29:60", "2026-12-01T02:29:99"])
    func fieldsOutOfRangeAreRefusedNotRolledOver(text: String) {
        #expect(AuditClock.parse(text) == nil)
    }

    @Test func leapDaysParse() {
        #expect(AuditClock.parse("2024-02-29") != nil)
        #expect(AuditClock.parse("2000-02-29T23:59:59") != nil)
    }

    @Test func unixSecondsOutsideMicrosecondRangeAreRejectedNotTrapped() {
        #expect(AuditClock.parse("9223372036854") == 9_223_372_036_854_000_000)
        #expect(AuditClock.parse("9223372036855") == nil)
        #expect(AuditClock.parse("99999999999999") == nil)
        #expect(AuditClock.parse("-99999999999999") == nil)
        #expect(AuditClock.parse("9999-12-31T23:59:59.999999") == 253_402_300_799_999_999)
    }

    @Test func eventIDsAreVersion7UUIDsSortedByTime() {
        let early = EventID.make(timeMicros: 1_000_000_000)
        let late = EventID.make(timeMicros: 2_000_000_000)
        #expect(early.count == 36)
        #expect(Array(early)[14] == "7")
        #expect(early < late)
    }
}
