import Foundation
import Parapet
import ParapetCore
import Testing

/// Pseudonyms across a whole chat request and its answer (QA, 2026-12-02): a placeholder the user
/// typed anywhere in the request is never issued nor restored, the model's earlier answers in the
/// history do not carry restored values back to it, and tool-call arguments are read as the
/// client decodes them.
@Suite struct ChatPseudonymTests {
    static func chat() throws -> ChatGuard {
        ChatGuard(guardrail: try Guard(policyNamed: "patterns", searchPaths: [RepositoryPaths.policies]))
    }

    static func answer(_ chat: ChatGuard, content: String, request: ChatRequest, conversation: String = "c") throws -> String? {
        let json = JSONValue.object([("choices", .array([.object([
            ("index", .int(0)), ("message", .object([("role", .string("assistant")), ("content", .string(content))])),
            ("finish_reason", .string("stop")),
        ])]))])
        let check = chat.checkResponse(try ChatResponse(json: json.serializedBytes), request: request, conversation: conversation)
        return check.response.body["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue
    }

    /// The arguments of a tool call in an answer that is not streamed, as the client gets them.
    static func checkedArguments(_ arguments: String, chat: ChatGuard, request: ChatRequest) throws -> String? {
        let json = JSONValue.object([("choices", .array([.object([
            ("index", .int(0)),
            ("message", .object([("role", .string("assistant")), ("content", .null), ("tool_calls", .array([.object([
                ("id", .string("t")), ("type", .string("function")),
                ("function", .object([("name", .string("run")), ("arguments", .string(arguments))])),
            ])]))])),
            ("finish_reason", .string("tool_calls")),
        ])]))])
        let check = chat.checkResponse(try ChatResponse(json: json.serializedBytes), request: request, conversation: "c")
        return check.response.body["choices"]?.arrayValue?.first?["message"]?["tool_calls"]?.arrayValue?.first?["function"]?["arguments"]?.stringValue
    }

    static func forwarded(_ check: ChatInputCheck) -> [String] {
        check.request.body["messages"]?.arrayValue?.compactMap { $0["content"]?.stringValue } ?? []
    }

    @Test(arguments: [false, true])
    func aTypedPlaceholderInAnotherMessageIsNeverRestored(typedFirst: Bool) throws {
        let chat = try Self.chat()
        let typed = ("user", "What does the literal <EMAIL_1> mean in my template?")
        let real = ("user", "My email is jane@example.com")
        let request = ChatRequest(model: "m", messages: typedFirst ? [typed, real] : [real, typed])
        let sent = Self.forwarded(chat.checkRequest(request, conversation: "c"))
        #expect(sent.contains("My email is <EMAIL_2>"))
        #expect(sent.contains("What does the literal <EMAIL_1> mean in my template?"))
        let back = try Self.answer(chat, content: "<EMAIL_1> is a placeholder; yours is <EMAIL_2>.", request: request)
        #expect(back == "<EMAIL_1> is a placeholder; yours is jane@example.com.")
    }

    @Test func aPlaceholderTypedInASystemPromptOrAnEarlierRequestIsReservedToo() throws {
        let chat = try Self.chat()
        let first = ChatRequest(model: "m", messages: [("system", "Sign every reply with <EMAIL_1>."), ("user", "hello")])
        _ = chat.checkRequest(first, conversation: "c")
        let second = ChatRequest(model: "m", messages: [("system", "Sign every reply with <EMAIL_1>."), ("user", "mail jane@example.com")])
        #expect(Self.forwarded(chat.checkRequest(second, conversation: "c")).last == "mail <EMAIL_2>")
        #expect(try Self.answer(chat, content: "Done. <EMAIL_1>", request: second) == "Done. <EMAIL_1>")
    }

    @Test func aPlaceholderTheUserPastesAfterItWasIssuedIsRetired() throws {
        let chat = try Self.chat()
        let first = ChatRequest(model: "m", messages: [("user", "mail jane@example.com")])
        #expect(Self.forwarded(chat.checkRequest(first, conversation: "c")) == ["mail <EMAIL_1>"])
        // The client never saw <EMAIL_1> (answers are restored): pasted, it is the user's own text.
        let second = ChatRequest(model: "m", messages: [("user", "mail jane@example.com"), ("user", "Template: 'Dear <EMAIL_1>, welcome'")])
        let sent = Self.forwarded(chat.checkRequest(second, conversation: "c"))
        #expect(sent == ["mail <EMAIL_2>", "Template: 'Dear <EMAIL_1>, welcome'"])
        #expect(try Self.answer(chat, content: "'Dear <EMAIL_1>, welcome' goes to <EMAIL_2>", request: second)
                == "'Dear <EMAIL_1>, welcome' goes to jane@example.com")
    }

    @Test func restoredValuesInTheHistoryGoBackAsPlaceholders() throws {
        let chat = try Self.chat()
        let first = ChatRequest(model: "m", messages: [("user", "Write a short note to jane@example.com")])
        _ = chat.checkRequest(first, conversation: "c")
        #expect(try Self.answer(chat, content: "Dear <EMAIL_1>, hello.", request: first) == "Dear jane@example.com, hello.")
        let json = #"""
            {"model":"m","messages":[
              {"role":"user","content":"Write a short note to jane@example.com"},
              {"role":"assistant","content":"Dear jane@example.com, hello. Annual note for Ann."},
              {"role":"assistant","content":null,"tool_calls":[{"id":"t","type":"function","function":{"name":"send","arguments":"{\"to\": \"jane@example.com\"}"}}]},
              {"role":"user","content":"Now make it longer."}]}
            """#
        let check = chat.checkRequest(try ChatRequest(json: Array(json.utf8)), conversation: "c")
        let messages = check.request.body["messages"]?.arrayValue ?? []
        #expect(messages[1]["content"]?.stringValue == "Dear <EMAIL_1>, hello. Annual note for Ann.")
        #expect(messages[2]["tool_calls"]?.arrayValue?.first?["function"]?["arguments"]?.stringValue == #"{"to": "<EMAIL_1>"}"#)
        #expect(!String(decoding: check.request.body.serializedBytes, as: UTF8.self).contains("jane@"))
    }

    @Test func escapedToolArgumentsAreRestoredAndRedactedAsDecoded() throws {
        let chat = try Self.chat()
        let request = ChatRequest(model: "m", messages: [("user", "mail jane@example.com")])
        _ = chat.checkRequest(request, conversation: "c")
        // Go's encoding/json (Ollama) writes < > & as \u003c \u003e \u0026.
        let arguments = #"{"to":"\u003cEMAIL_1\u003e","cc":"mary.smith\u0040corp.example","q":"a \"quoted\" \\u0040 word"}"#
        let out = try Self.checkedArguments(arguments, chat: chat, request: request)
        #expect(out == #"{"to":"jane@example.com","cc":"<EMAIL>","q":"a \"quoted\" \\u0040 word"}"#)
        #expect(try JSONValue.parse(Array((out ?? "").utf8))["to"]?.stringValue == "jane@example.com")
    }

    @Test(arguments: [1, 2, 3, 5, 7])
    func escapedStreamedToolArgumentsAreRestoredWhereverTheFragmentsAreCut(size: Int) throws {
        let chat = try Self.chat()
        let request = ChatRequest(model: "m", messages: [("user", "mail jane@example.com")])
        _ = chat.checkRequest(request, conversation: "c")
        var guardian = chat.streamGuard(request: request, conversation: "c")
        let arguments = #"{"to":"\u003cEMAIL_1\u003e","cc":"mary.smith\u0040corp.example","smile":"\ud83d\ude00"}"#
        var seen = ""
        func take(_ step: ChatStreamGuard.Step?) {
            guard case .forward(let out)? = step, let choice = out.body["choices"]?.arrayValue?.first else { return }
            seen += choice["delta"]?["tool_calls"]?.arrayValue?.first?["function"]?["arguments"]?.stringValue ?? ""
        }
        for piece in ChatStreamEdgeTests.pieces(arguments, size: size) {
            let call = JSONValue.object([("index", .int(0)), ("function", .object([("arguments", .string(piece))]))])
            take(guardian.process(ChatStreamEdgeTests.chunk(delta: .object([("tool_calls", .array([call]))]))))
        }
        take(guardian.process(ChatStreamEdgeTests.chunk(delta: .object([]), finish: .string("tool_calls"))))
        take(guardian.finish())
        #expect(seen == #"{"to":"jane@example.com","cc":"<EMAIL>","smile":"😀"}"#)
    }

    @Test func escapedPlaceholdersAndValuesInToolResultsAndOtherFieldsAreHandled() throws {
        let chat = try Self.chat()
        let json = #"""
            {"model":"m","tools":[{"type":"function","function":{"name":"mail","description":"Sends to <PHONE_1> by default"}}],
             "messages":[
              {"role":"tool","tool_call_id":"t","content":"{\"to\":\"\\u003cEMAIL_1\\u003e\",\"cc\":\"mary.smith\\u0040corp.example\"}"},
              {"role":"user","content":"mail jane@example.com or call +1 415 555 0100"}]}
            """#
        let check = chat.checkRequest(try ChatRequest(json: Array(json.utf8)), conversation: "c")
        let messages = check.request.body["messages"]?.arrayValue ?? []
        // The escaped <EMAIL_1> and the description's <PHONE_1> are reserved; the escaped address is found.
        #expect(messages[0]["content"]?.stringValue == #"{"to":"<EMAIL_1>","cc":"<EMAIL_2>"}"#)
        #expect(messages[1]["content"]?.stringValue == "mail <EMAIL_3> or call <PHONE_2>")
        #expect(try Self.answer(chat, content: "<EMAIL_1>, <EMAIL_3>, <PHONE_1>", request: ChatRequest(model: "m", messages: [("user", "x")]))
                == "<EMAIL_1>, jane@example.com, <PHONE_1>")
    }

    @Test func escapedValuesInHistoryToolCallsGoBackAsPlaceholders() throws {
        let chat = try Self.chat()
        _ = chat.checkRequest(ChatRequest(model: "m", messages: [("user", "write to jose@example.com")]), conversation: "c")
        let json = #"""
            {"model":"m","messages":[
              {"role":"user","content":"write to jose@example.com"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"t","type":"function","function":{"name":"send","arguments":"{\"to\": \"jose\\u0040example.com\"}"}}]}]}
            """#
        let check = chat.checkRequest(try ChatRequest(json: Array(json.utf8)), conversation: "c")
        let arguments = check.request.body["messages"]?.arrayValue?[1]["tool_calls"]?.arrayValue?.first?["function"]?["arguments"]?.stringValue
        #expect(arguments == #"{"to": "<EMAIL_1>"}"#)
    }

    @Test func unscannedToolArgumentsAreStillRestored() throws {
        let chat = ChatGuard(guardrail: try Guard(policyNamed: "patterns", searchPaths: [RepositoryPaths.policies]),
                             options: ChatScanOptions(scanToolArguments: false))
        let request = ChatRequest(model: "m", messages: [("user", "mail jane@example.com")])
        _ = chat.checkRequest(request, conversation: "c")
        let json = JSONValue.object([("choices", .array([.object([
            ("index", .int(0)),
            ("message", .object([("role", .string("assistant")), ("content", .null), ("tool_calls", .array([.object([
                ("id", .string("t")), ("type", .string("function")),
                ("function", .object([("name", .string("send")), ("arguments", .string(#"{"to":"\u003cEMAIL_1\u003e"}"#))])),
            ])]))])),
            ("finish_reason", .string("tool_calls")),
        ])]))])
        let check = chat.checkResponse(try ChatResponse(json: json.serializedBytes), request: request, conversation: "c")
        #expect(check.parts.isEmpty)
        let out = check.response.body["choices"]?.arrayValue?.first?["message"]?["tool_calls"]?.arrayValue?.first?["function"]?["arguments"]?.stringValue
        #expect(out == #"{"to":"jane@example.com"}"#)
    }

    /// Each string of the arguments is scanned decoded, after its member name (QA round 2: a
    /// quoted password stayed hidden behind `\"`, and a redaction swallowed that backslash).
    @Test(arguments: [
        #"{"content":"export PASSWORD=\"Hunter2Secret!x\""}"#,
        #"{"a": "password=Hunter2Secret!x\""}"#,
        #"{"password": "Hunter2Secret!x"}"#,
    ])
    func secretsInsideArgumentStringsAreRedactedAndTheJSONStaysValid(arguments: String) throws {
        let chat = try Self.chat()
        let request = ChatRequest(model: "m", messages: [("user", "hi")])
        let out = try #require(try Self.checkedArguments(arguments, chat: chat, request: request))
        #expect(!out.contains("Hunter2Secret"), "\(out)")
        #expect((try? JSONValue.parse(Array(out.utf8))) != nil, "\(out)")
    }

    @Test func argumentsWithNothingToChangePassAsTheyCame() throws {
        let chat = try Self.chat()
        let arguments = #"{ "city" : "Paris",  "days": 3, "tags": ["a\/b", "\u00e9t\u00e9"] }"#
        let json = JSONValue.object([("choices", .array([.object([
            ("index", .int(0)),
            ("message", .object([("role", .string("assistant")), ("tool_calls", .array([.object([
                ("function", .object([("name", .string("weather")), ("arguments", .string(arguments))])),
            ])]))])),
        ])]))])
        let check = chat.checkResponse(try ChatResponse(json: json.serializedBytes), request: ChatRequest(model: "m", messages: [("user", "hi")]), conversation: "c")
        #expect(check.response.body["choices"]?.arrayValue?.first?["message"]?["tool_calls"]?.arrayValue?.first?["function"]?["arguments"]?.stringValue == arguments)
    }
}
