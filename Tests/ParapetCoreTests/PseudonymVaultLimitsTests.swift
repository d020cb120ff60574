@testable import ParapetCore
import Synchronization
import Testing

/// The vault is bounded: a proxy that keeps named conversations forever grew without limit
/// (2026-12-02). Past the limit the conversations used least recently are forgotten, and those
/// idle past the timeout.
@Suite struct PseudonymVaultLimitsTests {
    @Test func pastTheLimitTheLeastRecentlyUsedConversationsAreForgotten() {
        let vault = PseudonymVault(limits: .init(maxConversations: 20, idleTimeout: nil))
        for index in 0..<20 {
            #expect(vault.pseudonym(for: "user\(index)@example.com", type: "EMAIL", conversation: "c\(index)") == "<EMAIL_1>")
        }
        // c0 is used again, so c1 and c2 are now the least recently used.
        #expect(vault.restore("to <EMAIL_1>", conversation: "c0") == "to user0@example.com")
        _ = vault.pseudonym(for: "new@example.com", type: "EMAIL", conversation: "c20")
        #expect(vault.conversationCount == 19)  // a tenth (2) forgotten, one added
        #expect(vault.restore("to <EMAIL_1>", conversation: "c0") == "to user0@example.com")
        #expect(vault.restore("to <EMAIL_1>", conversation: "c1") == "to <EMAIL_1>")
        #expect(vault.restore("to <EMAIL_1>", conversation: "c2") == "to <EMAIL_1>")
        #expect(vault.restore("to <EMAIL_1>", conversation: "c3") == "to user3@example.com")
        #expect(vault.restore("to <EMAIL_1>", conversation: "c20") == "to new@example.com")
    }

    @Test func readingAConversationThatIsNotThereCreatesNone() {
        let vault = PseudonymVault(limits: .init(maxConversations: 2, idleTimeout: nil))
        #expect(vault.restore("<EMAIL_1>", conversation: "ghost") == "<EMAIL_1>")
        #expect(vault.value(for: "<EMAIL_1>", conversation: "ghost") == nil)
        #expect(vault.knownValues(conversation: "ghost") == nil)
        #expect(vault.conversationCount == 0)
    }

    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        private let instant = Mutex(ContinuousClock.now)
        var now: ContinuousClock.Instant { instant.withLock { $0 } }
        func advance(by duration: Duration) { instant.withLock { $0 += duration } }
    }

    @Test func aConversationIdlePastTheTimeoutIsForgotten() {
        let clock = ManualClock()
        let vault = PseudonymVault(limits: .init(maxConversations: 100, idleTimeout: .seconds(200)), now: { clock.now })
        #expect(vault.pseudonym(for: "idle@example.com", type: "EMAIL", conversation: "idle") == "<EMAIL_1>")
        #expect(vault.pseudonym(for: "busy@example.com", type: "EMAIL", conversation: "busy") == "<EMAIL_1>")
        for _ in 0..<6 {
            clock.advance(by: .seconds(60))
            #expect(vault.restore("<EMAIL_1>", conversation: "busy") == "busy@example.com")
        }
        #expect(vault.restore("<EMAIL_1>", conversation: "idle") == "<EMAIL_1>")
        #expect(vault.conversationCount == 1)
    }

    @Test func theDefaultsKeepTenThousandConversationsForAnHour() {
        #expect(PseudonymVault().limits == PseudonymVault.Limits(maxConversations: 10_000, idleTimeout: .seconds(3600)))
    }
}
