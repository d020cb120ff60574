import Foundation
import Parapet
import ParapetCore
import Testing

/// Streamed tool-call arguments are read as the client decodes them, like answers that are not
/// streamed (QA, 2026-12-02): each string value guarded decoded, encoded again on the way out, so
/// a `\"` neither hides a secret nor loses its backslash; with `tool_arguments: false` the values
/// are still restored, wherever the fragments are cut.
@Suite struct StreamedToolArgumentsTests {
    static func chat(scanArguments: Bool = true) throws -> ChatGuard {
        ChatGuard(
            guardrail: try Guard(policyNamed: "patterns", searchPaths: [RepositoryPaths.policies]),
            options: ChatScanOptions(scanToolArguments: scanArguments))
    }

    /// Streams `arguments` as tool-call fragments of `size` characters; returns what the client
    /// sees of them, joined, and the guard.
    static func stream(
        _ arguments: String, size: Int, chat: ChatGuard, request: ChatRequest = ChatRequest(model: "m", messages: [("user", "hi")])
    ) -> (text: String, guardian: ChatStreamGuard, blocked: Bool) {
        var guardian = chat.streamGuard(request: request, conversation: "c")
        var seen = ""
        var blocked = false
        func take(_ step: ChatStreamGuard.Step?) {
            switch step {
            case .forward(let out)?:
                for call in out.body["choices"]?.arrayValue?.first?["delta"]?["tool_calls"]?.arrayValue ?? [] {
                    seen += call["function"]?["arguments"]?.stringValue ?? ""
                }
            case .blocked?: blocked = true
            case nil: break
            }
        }
        for piece in ChatStreamEdgeTests.pieces(arguments, size: size) {
            let call = JSONValue.object([("index", .int(0)), ("function", .object([("arguments", .string(piece))]))])
            take(guardian.process(ChatStreamEdgeTests.chunk(delta: .object([("tool_calls", .array([call]))]))))
        }
        take(guardian.process(ChatStreamEdgeTests.chunk(delta: .object([]), finish: .string("tool_calls"))))
        take(guardian.finish())
        return (seen, guardian, blocked)
    }

    /// The arguments the same answer gets when it is not streamed.
    static func unstreamed(_ arguments: String, chat: ChatGuard) throws -> String {
        try #require(try ChatPseudonymTests.checkedArguments(arguments, chat: chat, request: ChatRequest(model: "m", messages: [("user", "hi")])))
    }

    static let samples = [
        #"{"content":"export PASSWORD=\"Hunter2Secret!x\""}"#,
        #"{"a": "password=Hunter2Secret!x\""}"#,
        #"{"password": "Hunter2Secret!x"}"#,
        #"{"to": ["jane.doe@corp.example", "call +1 415 555 0100"], "n": 3, "note": "tab\there \\ \"q\" \u00e9\/"}"#,
        #"{"env": {"GITHUB_TOKEN": "ghp_R8cVz2xkQ4bT7nLm9PwJ3sYd6FhA1uEoK5iG"}, "ok": true}"#,
        // QA round 3: array items under a secret's name, numbers, arguments that are not JSON.
        #"{"password": ["Hunter2Secret!x"], "passwords": [["Hunter2Secret!x"]]}"#,
        #"{"card": 4111111111111111, "count": 3, "ssn": 123456789}"#,
        #"{'to': 'jane.doe@corp.example', 'token': 'ghp_R8cVz2xkQ4bT7nLm9PwJ3sYd6FhA1uEoK5iG'}"#,
        "{to: jane.doe@corp.example, key: ghp_R8cVz2xkQ4bT7nLm9PwJ3sYd6FhA1uEoK5iG}",
        #"{"a": "x"} jane.doe@corp.example ghp_R8cVz2xkQ4bT7nLm9PwJ3sYd6FhA1uEoK5iG"#,
        "[INFO] mail jane.doe@corp.example token ghp_R8cVz2xkQ4bT7nLm9PwJ3sYd6FhA1uEoK5iG",
        // QA round 4: the text scan reads the break with what came before it.
        #"{"password": Hunter2Secret!x}"#,
        #"{"password": 'Hunter2Secret!x'}"#,
        #"{"cmd": "export PASSWORD="Hunter2Secret!x" && run"}"#,
        "[4111 1111 1111 1111]",
        #"{"a": 0123, "z": 4111111111111111}"#,
        "{\"a\": \(String(repeating: "9", count: 70)), \"z\": 4111111111111111}",
        // QA round 5: keys out of ASCII, findings sent before a break, a key open at the end.
        #"{"é": "jane.doe@corp.example", "ключ": 4111111111111111}"#,
        #"{"to": "jane.doe@corp.example" junk}"#,
        #"{"to": "jane.doe@corp.example"} trailing"#,
        #"{"a": [{"b": ["jane.doe@corp.example"]}] ]"#,
        #"{"ghp_R8cVz2xkQ4bT7nLm9PwJ3sYd6FhA1uEoK5iG"#,
        #"{"a": 1, "jane.doe@corp.example"#,
        // QA round 6: a finding the context alone makes (its first byte at a card) was sent again.
        "{\"a\": \"abcx4111111111111111\(String(repeating: " ", count: 80))\" junk}",
        "{\"a\": \"abcxghp_R8cVz2xkQ4bT7nLm9PwJ3sYd6FhA1uEoK5iG\(String(repeating: " ", count: 60))\" junk}",
        // QA round 7: a context cut inside a token made a finding that threw away the context
        // a password after the break needed.
        "{\"a\": \"abcx4111111111111111\(String(repeating: " ", count: 69)) PASSWORD=\"Hunter2Secret!x\" junk}",
        "{\"a\": \"abcxghp_R8cVz2xkQ4bT7nLm9PwJ3sYd6FhA1uEoK5iG\(String(repeating: " ", count: 45)) PASSWORD=\"Hunter2Secret!x\" junk}",
        // JSON cut short inside a secret's value: the unstreamed text scan missed it until the
        // password pattern took a quoted value that ends with the text.
        #"{"user": "admin", "password": "Hunter2Secret!x"#,
    ]

    @Test(arguments: [1, 2, 3, 5, 8, 13])
    func streamedArgumentsGetWhatTheSameAnswerGetsWhenNotStreamed(size: Int) throws {
        let chat = try Self.chat()
        for arguments in Self.samples {
            let streamed = Self.stream(arguments, size: size, chat: chat).text
            let whole = try Self.unstreamed(arguments, chat: chat)
            if let parsed = try? JSONValue.parse(Array(whole.utf8)) {
                #expect((try? JSONValue.parse(Array(streamed.utf8))) == parsed, "\(arguments) → \(streamed) vs \(whole)")
            } else {
                #expect(streamed == whole, "\(arguments)")  // not JSON: scanned as text both ways
            }
            // (The `abcx…` samples are no secrets: glued to letters, neither path reports them.)
            for secret in ["Hunter2Secret", "ghp_R8c", "jane.doe@", "4111111111111111", "4111 1111"]
            where !arguments.contains("abcx") || secret == "Hunter2Secret" {
                #expect(!streamed.contains(secret), "\(streamed)")
            }
        }
    }

    /// QA round 3: arguments going on after a `finish_reason` were read from the middle of the
    /// JSON as text, so a quoted password passed.
    @Test func argumentsAfterTheFinishAreReadWhereTheJSONWas() throws {
        var guardian = try Self.chat().streamGuard(request: ChatRequest(model: "m", messages: [("user", "hi")]), conversation: "c")
        var seen = ""
        func send(_ piece: String?, finish: Bool = false) {
            var delta = JSONValue.object([])
            if let piece {
                delta = .object([("tool_calls", .array([.object([("index", .int(0)), ("function", .object([("arguments", .string(piece))]))])]))])
            }
            if case .forward(let out) = guardian.process(ChatStreamEdgeTests.chunk(delta: delta, finish: finish ? .string("tool_calls") : .null)) {
                seen += out.body["choices"]?.arrayValue?.first?["delta"]?["tool_calls"]?.arrayValue?.first?["function"]?["arguments"]?.stringValue ?? ""
            }
        }
        send(#"{"a": 1, "note": "mail jane.doe@"#)
        send(nil, finish: true)
        send(#"corp.example", "cmd": "export PASSWORD=\"Hunter2Secret!x\""}"#)
        if case .forward(let out)? = guardian.finish() {
            seen += out.body["choices"]?.arrayValue?.first?["delta"]?["tool_calls"]?.arrayValue?.first?["function"]?["arguments"]?.stringValue ?? ""
        }
        #expect(!seen.contains("Hunter2Secret"), "\(seen)")
        let parsed = try JSONValue.parse(Array(seen.utf8))
        #expect(parsed["cmd"]?.stringValue?.hasPrefix("export PASSWORD=") == true)
        #expect(guardian.parts.map(\.location).last == "choices[0].delta.tool_calls[0].function.arguments.cmd")
    }

    /// QA round 6: restored long values before a break were cut in the kept context, found there
    /// and sent again.
    @Test(arguments: [1, 7, 1000])
    func restoredValuesBeforeABreakAreSentOnce(size: Int) throws {
        let chat = try Self.chat()
        let address = "averyveryverylongname.with.many.parts.and.more@example-subdomain.example.com"
        let request = ChatRequest(model: "m", messages: [("user", "please mail \(address) today")])
        #expect(ChatPseudonymTests.forwarded(chat.checkRequest(request, conversation: "c")) == ["please mail <EMAIL_1> today"])
        for count in [1, 5, 9] {
            let list = Array(repeating: #""<EMAIL_1>""#, count: count).joined(separator: ", ")
            let arguments = #"{"p": "\#(String(repeating: "z", count: 36))", "l": [\#(list)] junk}"#
            let streamed = Self.stream(arguments, size: size, chat: chat, request: request).text
            #expect(streamed == arguments.replacingOccurrences(of: "<EMAIL_1>", with: address), "\(count): \(streamed)")
        }
    }

    @Test func theBackslashOfAnEscapedQuoteIsKeptAroundARedaction() throws {
        let streamed = Self.stream(#"{"cmd":"export PASSWORD=\"Hunter2Secret!x\" && run"}"#, size: 3, chat: try Self.chat()).text
        let command = try JSONValue.parse(Array(streamed.utf8))["cmd"]?.stringValue
        #expect(command?.hasPrefix("export PASSWORD=") == true)
        #expect(command?.hasSuffix("\" && run") == true, "\(streamed)")
        #expect(command?.contains("Hunter2Secret") == false)
    }

    @Test func eachValueIsRecordedAtItsPath() throws {
        let (_, guardian, _) = Self.stream(#"{"to": ["a@b.example", "x"], "body": {"text": "hi"}}"#, size: 4, chat: try Self.chat())
        #expect(guardian.parts.map(\.location) == [
            "choices[0].delta.tool_calls[0].function.arguments.to[0]",
            "choices[0].delta.tool_calls[0].function.arguments.to[1]",
            "choices[0].delta.tool_calls[0].function.arguments.body.text",
        ])
        #expect(guardian.parts.first?.decision.action == .rewrite)
    }

    @Test(arguments: [1, 2, 4, 7])
    func unscannedArgumentsAreStillRestored(size: Int) throws {
        let chat = try Self.chat(scanArguments: false)
        let request = ChatRequest(model: "m", messages: [("user", "mail jane@example.com")])
        #expect(ChatPseudonymTests.forwarded(chat.checkRequest(request, conversation: "c")) == ["mail <EMAIL_1>"])
        let arguments = #"{"to":"<EMAIL_1>","cc":"mary@corp.example","note":"\u003cEMAIL_1\u003e and <EMAIL_9> and <b>"}"#
        let (seen, guardian, _) = Self.stream(arguments, size: size, chat: chat, request: request)
        let parsed = try JSONValue.parse(Array(seen.utf8))
        #expect(parsed["to"]?.stringValue == "jane@example.com", "\(seen)")
        #expect(parsed["cc"]?.stringValue == "mary@corp.example")  // not scanned
        #expect(parsed["note"]?.stringValue == "jane@example.com and <EMAIL_9> and <b>")
        #expect(guardian.parts.isEmpty)
    }

    @Test func argumentsThatAreNotJSONAreGuardedAsText() throws {
        let (seen, _, _) = Self.stream("send it to jane.doe@corp.example please", size: 5, chat: try Self.chat())
        #expect(seen == "send it to <EMAIL> please")
    }

    @Test func aStreamCutInsideAValueEndsWithWhatCame() throws {
        let chat = try Self.chat()
        var guardian = chat.streamGuard(request: ChatRequest(model: "m", messages: [("user", "hi")]), conversation: "c")
        var seen = ""
        for piece in [#"{"to": "mail jane.doe@corp"#, #".example now \u00"#] {
            let call = JSONValue.object([("index", .int(0)), ("function", .object([("arguments", .string(piece))]))])
            if case .forward(let out) = guardian.process(ChatStreamEdgeTests.chunk(delta: .object([("tool_calls", .array([call]))]))) {
                seen += out.body["choices"]?.arrayValue?.first?["delta"]?["tool_calls"]?.arrayValue?.first?["function"]?["arguments"]?.stringValue ?? ""
            }
        }
        if case .forward(let out)? = guardian.finish() {
            seen += out.body["choices"]?.arrayValue?.first?["delta"]?["tool_calls"]?.arrayValue?.first?["function"]?["arguments"]?.stringValue ?? ""
        }
        #expect(seen == #"{"to": "mail <EMAIL> now \u00"#)
    }
}
