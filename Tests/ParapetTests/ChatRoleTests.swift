import Foundation
import Parapet
import ParapetCore
import Testing

/// Which chat messages the input guard scans: configured roles case-insensitively, every role
/// outside OpenAI's set (a chat template may show it to the model as a user turn), and every text
/// part of multi-part content whatever its `type`.
@Suite struct ChatRoleTests {
    static let key = "ghp_" + "N8dqtDOrY4ReXh2gS9wXbZ0QgVgnLT2F1kPa"  // fake, documentation-style

    static func check(role: String, options: ChatScanOptions = ChatScanOptions()) throws -> ChatInputCheck {
        let guardrail = try Guard(policyNamed: "patterns", searchPaths: [RepositoryPaths.policies])
        let request = ChatRequest(model: "m", messages: [(role, "deploy with token \(key) please")])
        return ChatGuard(guardrail: guardrail, options: options).checkRequest(request, conversation: "c")
    }

    @Test(arguments: ["user", "User", " USER ", "tool", "human", "User2", "", "model"])
    func promptsInTheseRolesAreScanned(role: String) throws {
        let check = try Self.check(role: role)
        #expect(check.parts.count == 1)
        #expect(check.blocked != nil, "role '\(role)'")
    }

    @Test(arguments: ["assistant", "Assistant", "system", " System", "developer"])
    func theseRolesAreLeftAloneByDefault(role: String) throws {
        #expect(try Self.check(role: role).parts.isEmpty)
    }

    @Test func systemMessagesAreScannedWhenAsked() throws {
        let check = try Self.check(role: "SYSTEM", options: ChatScanOptions(scanSystem: true))
        #expect(check.blocked != nil)
    }

    @Test(arguments: [
        #"[{"type":"text","text":"KEY"}]"#, #"[{"type":"input_text","text":"KEY"}]"#, #"[{"text":"KEY"}]"#,
        #"["KEY"]"#, #"[{"type":"image_url","image_url":{"url":"x"}},{"type":"Text","text":"KEY"}]"#,
    ])
    func textPartsOfAnySpellingAreScanned(content: String) throws {
        let guardrail = try Guard(policyNamed: "patterns", searchPaths: [RepositoryPaths.policies])
        let json = #"{"model":"m","messages":[{"role":"user","content":"# + content.replacingOccurrences(of: "KEY", with: "token \(Self.key)") + "}]}"
        let check = ChatGuard(guardrail: guardrail).checkRequest(try ChatRequest(json: Array(json.utf8)), conversation: "c")
        #expect(check.blocked != nil, "\(content)")
    }

    @Test func configuredRolesCompareCaseInsensitively() throws {
        let options = ChatScanOptions(roles: ["Assistant"])
        #expect(options.scans(role: "assistant"))
        #expect(!options.scans(role: "user"))
        #expect(options.scans(role: "narrator"))  // unknown roles are always scanned
        #expect(!ChatScanOptions().scans(role: " System "))  // system prompts are off by default, however spelt
        #expect(ChatScanOptions(scanSystem: true).scans(role: "DEVELOPER"))
    }
}
