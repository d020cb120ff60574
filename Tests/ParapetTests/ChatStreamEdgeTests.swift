import Foundation
import Parapet
import ParapetCore
import Testing

/// Streamed answers in the shapes servers really send: legacy `function_call` fragments, final
/// chunks without a `delta`, empty `finish_reason` strings, text after the finish, `refusal`
/// text, and findings longer than the holdback.
@Suite struct ChatStreamEdgeTests {
    static func chat() throws -> ChatGuard {
        ChatGuard(guardrail: try Guard(policyNamed: "patterns", searchPaths: [RepositoryPaths.policies]))
    }

    static let request = ChatRequest(model: "m", messages: [("user", "hi")])

    static func chunk(delta: JSONValue?, finish: JSONValue = .null) -> ChatChunk {
        var choice: [(String, JSONValue)] = [("index", .int(0))]
        if let delta { choice.append(("delta", delta)) }
        choice.append(("finish_reason", finish))
        return ChatChunk(body: .object([("id", .string("c1")), ("choices", .array([.object(choice)]))]))
    }

    /// Streams `pieces` as deltas made by `delta`, then `last`; returns what the client sees of
    /// `read` in every chunk, joined.
    static func stream(
        _ pieces: [String], delta: (String) -> JSONValue, last: ChatChunk?, read: (JSONValue) -> String?
    ) throws -> (text: String, guardian: ChatStreamGuard) {
        var guardian = try chat().streamGuard(request: request, conversation: "c")
        var seen = ""
        func take(_ step: ChatStreamGuard.Step?) {
            guard case .forward(let out)? = step, let choice = out.body["choices"]?.arrayValue?.first else { return }
            seen += read(choice) ?? ""
        }
        for piece in pieces { take(guardian.process(chunk(delta: delta(piece)))) }
        if let last { take(guardian.process(last)) }
        take(guardian.finish())
        return (seen, guardian)
    }

    static func pieces(_ text: String, size: Int) -> [String] {
        var result: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: size, limitedBy: text.endIndex) ?? text.endIndex
            result.append(String(text[index..<end]))
            index = end
        }
        return result
    }

    @Test func streamedFunctionCallArgumentsAreScanned() throws {
        let arguments = #"{"to": "jane.doe@corp.example", "body": "hi"}"#
        let (seen, guardian) = try Self.stream(
            Self.pieces(arguments, size: 4), delta: { .object([("function_call", .object([("arguments", .string($0))]))]) },
            last: Self.chunk(delta: .object([]), finish: .string("function_call")),
            read: { $0["delta"]?["function_call"]?["arguments"]?.stringValue })
        #expect(seen == #"{"to": "<EMAIL>", "body": "hi"}"#)
        // One record per value, as for answers that are not streamed.
        #expect(guardian.parts.map(\.location) == ["choices[0].delta.function_call.arguments.to", "choices[0].delta.function_call.arguments.body"])
    }

    @Test(arguments: [nil, JSONValue.null])
    func heldTextReachesAFinalChunkWithoutADelta(delta: JSONValue?) throws {
        let text = "Hello, the answer is 42. Mail jane.doe@corp.example"
        let (seen, _) = try Self.stream(
            Self.pieces(text, size: 5), delta: { .object([("content", .string($0))]) },
            last: Self.chunk(delta: delta, finish: .string("stop")), read: { $0["delta"]?["content"]?.stringValue })
        #expect(seen == "Hello, the answer is 42. Mail <EMAIL>")
    }

    @Test func anEmptyFinishReasonDoesNotEndTheChoice() throws {
        var guardian = try Self.chat().streamGuard(request: Self.request, conversation: "c")
        var seen = ""
        for piece in Self.pieces("Write to jane.doe@corp.example today.", size: 6) {
            let step = guardian.process(Self.chunk(delta: .object([("content", .string(piece))]), finish: .string("")))
            if case .forward(let out) = step { seen += out.body["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue ?? "" }
        }
        if case .forward(let out)? = guardian.finish() { seen += out.body["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue ?? "" }
        #expect(seen == "Write to <EMAIL> today.")
    }

    @Test func textAfterTheFinishIsGuardedNotDropped() throws {
        var guardian = try Self.chat().streamGuard(request: Self.request, conversation: "c")
        var seen = ""
        let chunks = [
            Self.chunk(delta: .object([("content", .string("First part. "))]), finish: .string("stop")),
            Self.chunk(delta: .object([("content", .string("Then mail jane.doe@corp.example"))])),
        ]
        for chunk in chunks {
            if case .forward(let out) = guardian.process(chunk) { seen += out.body["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue ?? "" }
        }
        if case .forward(let out)? = guardian.finish() { seen += out.body["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue ?? "" }
        #expect(seen == "First part. Then mail <EMAIL>")
        #expect(guardian.parts.count == 2)
    }

    @Test func refusalTextIsScannedWholeAndStreamed() throws {
        let refusal = "I can't share jane.doe@corp.example."
        let json = #"{"choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"\#(refusal)"},"finish_reason":"stop"}]}"#
        let check = try Self.chat().checkResponse(try ChatResponse(json: Array(json.utf8)), request: Self.request, conversation: "c")
        #expect(check.response.body["choices"]?.arrayValue?.first?["message"]?["refusal"]?.stringValue == "I can't share <EMAIL>.")
        let (seen, _) = try Self.stream(
            Self.pieces(refusal, size: 3), delta: { .object([("refusal", .string($0))]) },
            last: Self.chunk(delta: .object([]), finish: .string("stop")), read: { $0["delta"]?["refusal"]?.stringValue })
        #expect(seen == "I can't share <EMAIL>.")
    }

    @Test func aJWTLongerThanTheHoldbackIsRedactedWhole() throws {
        func base64URL(_ text: String) -> String {
            Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        let claims = #"{"sub":"1234567890","name":"Jane Doe","scope":""# + String(repeating: "read:items ", count: 40) + #"","iat":1516239022}"#
        let jwt = base64URL(#"{"alg":"HS256","typ":"JWT"}"#) + "." + base64URL(claims) + "." + base64URL(String(repeating: "s", count: 32))
        #expect(jwt.utf8.count > 600)
        let answer = "Your token is " + jwt + " and it expires soon."
        let whole = try Self.chat().checkResponse(
            try ChatResponse(json: Array(#"{"choices":[{"index":0,"message":{"role":"assistant","content":"\#(answer)"},"finish_reason":"stop"}]}"#.utf8)),
            request: Self.request, conversation: "c"
        ).response.text
        #expect(whole == "Your token is <JWT> and it expires soon.")
        let (seen, _) = try Self.stream(
            Self.pieces(answer, size: 4), delta: { .object([("content", .string($0))]) },
            last: Self.chunk(delta: .object([]), finish: .string("stop")), read: { $0["delta"]?["content"]?.stringValue })
        #expect(seen == whole)
    }

    @Test func toolArgumentsThatAreNotStringsAreRefused() {
        let answer: JSONValue = .object([("choices", .array([.object([("index", .int(0)), ("message", .object([
            ("role", .string("assistant")),
            ("tool_calls", .array([.object([("function", .object([("name", .string("send")), ("arguments", .object([("to", .string("a@b.example"))]))]))])])),
        ]))])]))])
        #expect(ChatShape.answerProblem(answer) == "'choices[0].message.tool_calls[0].function.arguments' must be a string.")
        let legacy: JSONValue = .object([("choices", .array([.object([("delta", .object([
            ("function_call", .object([("arguments", .int(3))])),
        ]))])]))])
        #expect(ChatShape.answerProblem(legacy, messageKey: "delta") == "'choices[0].delta.function_call.arguments' must be a string.")
    }

    /// The answer as the non-streamed guard returns it, and as a client of the stream sees it
    /// in `size`-byte chunks.
    static func wholeAndStreamed(_ answer: String, size: Int) throws -> (whole: String?, streamed: String) {
        let body = JSONValue.object([("choices", .array([.object([
            ("index", .int(0)), ("message", .object([("role", .string("assistant")), ("content", .string(answer))])),
            ("finish_reason", .string("stop")),
        ])]))])
        let whole = try chat().checkResponse(ChatResponse(body: body), request: request, conversation: "c").response.text
        let (streamed, _) = try stream(
            pieces(answer, size: size), delta: { .object([("content", .string($0))]) },
            last: chunk(delta: .object([]), finish: .string("stop")), read: { $0["delta"]?["content"]?.stringValue })
        return (whole, streamed)
    }

    @Test(arguments: [
        "Authorization: Bearer " + "aZ3kQ9xW2mN7pL4vR8tY1cB6dF0gH5jK" + "s2Xe9Qw1",
        "aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzq8Tq3Lm2N",
        "password: " + "Zq7vXr2Lm9Kp4!",
    ])
    func aValueKeepsTheLabelThatMakesItASecret(secret: String) throws {
        let prose = "The deployment notes are below; read them before the release and keep them private. "
        for shift in stride(from: 0, to: 120, by: 7) {
            let answer = String(repeating: "x", count: shift) + " " + prose + prose + prose + secret + "\n" + prose + prose
            let (whole, streamed) = try Self.wholeAndStreamed(answer, size: 3)
            #expect(whole?.contains(secret) == false, "shift \(shift)")
            #expect(streamed == whole, "shift \(shift)")
        }
    }

    @Test func privateKeysStayWholeWhenTheirArmourIsOddlyLaidOut() throws {
        let body = (0..<24).map { line in String(repeating: Character(UnicodeScalar(65 + line % 26)!), count: 64) }.joined(separator: "\n")
        let unclosedThenWhole = "Keys:\n-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----BEGIN EC PRIVATE KEY-----\n" + body
            + "\n-----END EC PRIVATE KEY-----\nDone."
        let strayEnd = "Key:\n-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END NOTE-----\n" + body
            + "\n-----END RSA PRIVATE KEY-----\nDone."
        for answer in [unclosedThenWhole, strayEnd] {
            let (whole, streamed) = try Self.wholeAndStreamed(answer, size: 5)
            #expect(whole?.contains("AAAAAAAAAAAA") == false)
            #expect(streamed == whole)
        }
    }

    @Test func aBlockCutsEveryOpenChoiceWithContentFilter() throws {
        let yaml = """
            version: 1
            name: block-mail
            scanners:
              - { id: patterns, type: patterns, params: { catalogs: [pii], min_score: 0.5 } }
            rules:
              - { id: block-mail, when: { category: pii.email, direction: output }, then: { action: block } }
            """
        let policy = try PolicyLoader(registry: StandardScanners.registry, searchPaths: []).load(yaml: yaml, source: "block-mail.yaml")
        var guardian = ChatGuard(guardrail: Guard(policy: policy)).streamGuard(request: Self.request, conversation: "c")
        func chunk(_ choices: [(Int, String?, String?)]) -> ChatChunk {
            ChatChunk(body: .object([("id", .string("c1")), ("choices", .array(choices.map { index, text, finish in
                .object([("index", .int(index)), ("delta", text.map { .object([("content", .string($0))]) } ?? .object([])),
                         ("finish_reason", finish.map(JSONValue.string) ?? .null)])
            }))]))
        }
        // Three choices (n = 3): 2 finishes, 0 and 1 are still open when 1 writes an address.
        _ = guardian.process(chunk([(0, "Hello ", nil), (1, "Hi ", nil), (2, "Yo", nil)]))
        _ = guardian.process(chunk([(2, nil, "stop")]))
        // Held back until the choice finishes (shorter than the holdback window).
        guard case .forward = guardian.process(chunk([(1, "mail jane.doe@corp.example now", nil)])),
            case .blocked(let final, _) = guardian.process(chunk([(1, nil, "stop")]))
        else {
            Issue.record("not blocked")
            return
        }
        let cut = final.body["choices"]?.arrayValue ?? []
        #expect(cut.map { $0["index"]?.intValue } == [0, 1])
        #expect(cut.allSatisfy { $0["finish_reason"] == .string("content_filter") })
    }
}
