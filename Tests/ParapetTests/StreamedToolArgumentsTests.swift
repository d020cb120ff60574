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
        // Keys are guarded like values: an address, a token or a phone number as a key.
        #"{"jane.doe@corp.example": "cc", "ghp_R8cVz2xkQ4bT7nLm9PwJ3sYd6FhA1uEoK5iG": 1, "n": {"call +1 415 555 0100": true}}"#,
        #"{"to": {"jane.doe@corp\u002eexample": ["x"]}}"#,
        // QA: rewritten keys that come out equal are made distinct, the same way in both paths.
        #"{"jane@x-corp.example": 1, "bob@y-corp.example": 2, "<EMAIL>": 3, "a": {"<EMAIL>": 4, "mo@z.example": 5}}"#,
        #"{"<EMAIL>": 1, "jane@x-corp.example": 2, "<EMAIL> (2)": 3}"#,
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

    /// A key is recorded only when the policy found something in it, at its member's path plus
    /// `#key`; streamed or not, the same records.
    @Test func aKeyWithAFindingIsRecordedAtItsMembersPath() throws {
        let chat = try Self.chat()
        let arguments = #"{"to": {"jane.doe@corp.example": "cc"}}"#
        let (seen, guardian, _) = Self.stream(arguments, size: 3, chat: chat)
        let base = "choices[0].delta.tool_calls[0].function.arguments"
        #expect(guardian.parts.map(\.location) == ["\(base).to.jane.doe@corp.example#key", "\(base).to.jane.doe@corp.example"])
        #expect(guardian.parts.first?.decision.action == .rewrite)
        #expect(!seen.contains("jane.doe@"), "\(seen)")
        let whole = try ChatPseudonymTests.checkedArguments(arguments, chat: chat, request: ChatRequest(model: "m", messages: [("user", "hi")]))
        #expect(whole.map { try? JSONValue.parse(Array($0.utf8)) } == (try? JSONValue.parse(Array(seen.utf8))))
    }

    /// A placeholder the model wrote as a key gets its value back, scanned or not.
    @Test(arguments: [true, false])
    func placeholdersInKeysAreRestored(scanArguments: Bool) throws {
        let chat = try Self.chat(scanArguments: scanArguments)
        let request = ChatRequest(model: "m", messages: [("user", "mail jane@example.com")])
        _ = chat.checkRequest(request, conversation: "c")
        for size in [1, 3, 100] {
            let (seen, _, _) = Self.stream(#"{"<EMAIL_1>": "cc", "k\u0022": 1}"#, size: size, chat: chat, request: request)
            let parsed = try JSONValue.parse(Array(seen.utf8))
            #expect(parsed["jane@example.com"]?.stringValue == "cc", "\(seen)")
            #expect(parsed["k\""] != nil, "\(seen)")  // an unchanged key passes as written
            #expect(seen.contains(#""k\u0022""#), "\(seen)")
        }
        // QA round 2: unstreamed, a secret's label holding a placeholder stayed in the value (the
        // label was taken off after restoring), and with scanning off keys restored over the raw
        // text could repeat. Both paths now give the same JSON.
        for arguments in [#"{"<EMAIL_1> token": "x", "auth <EMAIL_1>": ["a", "b"]}"#, #"{"<EMAIL_1>": 1, "jane@example.com": 2}"#] {
            let whole = try #require(try ChatPseudonymTests.checkedArguments(arguments, chat: chat, request: request))
            for size in [1, 3, 100] {
                let (seen, _, _) = Self.stream(arguments, size: size, chat: chat, request: request)
                #expect(try JSONValue.parse(Array(seen.utf8)) == JSONValue.parse(Array(whole.utf8)), "\(seen) vs \(whole)")
            }
            let parsed = try JSONValue.parse(Array(whole.utf8))
            if arguments.contains("token") {
                #expect(parsed["jane@example.com token"]?.stringValue == "x", "\(whole)")
            } else if !scanArguments {
                #expect(parsed["jane@example.com (2)"]?.intValue == 2, "\(whole)")
            }
        }
    }

    /// QA: two addresses redacted to `<EMAIL>` as keys made `{"<EMAIL>": 1, "<EMAIL>": 2}`, which
    /// most readers take as one member.
    @Test(arguments: [1, 4, 100])
    func keysTheGuardChangedStayDistinct(size: Int) throws {
        let chat = try Self.chat()
        let (seen, _, _) = Self.stream(#"{"jane@x-corp.example": 1, "bob@y-corp.example": 2, "<EMAIL>": 3}"#, size: size, chat: chat)
        guard case .object(let members) = try JSONValue.parse(Array(seen.utf8)) else {
            Issue.record("not an object: \(seen)")
            return
        }
        #expect(members.map(\.key) == ["<EMAIL>", "<EMAIL> (2)", "<EMAIL> (3)"], "\(seen)")
        // Keys the guard left alone pass as they are, repeated or not.
        #expect(Self.stream(#"{"k": 1, "k": 2}"#, size: size, chat: chat).text == #"{"k": 1, "k": 2}"#)
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
