import Parapet
import Testing

@Suite("JSON tree and server-sent events")
struct ChatWireTests {
    @Test("Parsing then serializing keeps key order, numbers and escapes", arguments: [
        #"{"b":1,"a":[true,false,null],"c":{"z":-0.50,"y":1e-7,"x":12345678901234567890}}"#,
        #"{"s":"line\nbreak \"quoted\" \\ tab\t é 日本 👍","u":"\u0001"}"#,
        #"[]"#, #"{}"#, #""plain""#, "0", "-1.5E+3",
    ])
    func roundTrip(text: String) throws {
        let value = try JSONValue.parse(text)
        #expect(try JSONValue.parse(value.serialized) == value)
        if !text.contains("\\u") { #expect(value.serialized == text) }
    }

    @Test("Escapes and surrogate pairs decode", arguments: [
        (#""\u00e9\ud83d\udc4d""#, "é👍"), (#""a\/b""#, "a/b"), (#""\b\f\r""#, "\u{8}\u{C}\r"),
    ])
    func escapes(text: String, expected: String) throws {
        #expect(try JSONValue.parse(text) == .string(expected))
    }

    @Test("Invalid JSON is refused with an offset", arguments: [
        "{", "[1,]", #"{"a" 1}"#, "tru", #""\ud800""#, "01x", "", #"{"a":1} x"#, "\"\u{01}\"",
        #"{"content":"hi","content":"other"}"#, #"[{"type":"text","text":"a","text":"b"}]"#,
    ])
    func invalid(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test("Invalid UTF-8 inside a string is refused after the string, with or without escapes", arguments: [
        [0x22, 0xFF, 0x22], [0x22, 0x61, 0xC3, 0x22], [0x22, 0x5C, 0x6E, 0xFF, 0x22],
    ] as [[UInt8]])
    func invalidUTF8(bytes: [UInt8]) {
        #expect { try JSONValue.parse(bytes) } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.message == "invalid UTF-8 in string" && error.offset == bytes.count
        }
    }

    @Test("Strings read back as they were written: plain, escaped, non-ASCII, control characters")
    func stringsRoundTrip() throws {
        let texts = ["", "plain", "quote \" and backslash \\", "tab\tnew\nline", "\u{01}\u{1F}", "Zoë 🙂 日本",
                     "\u{2028}", String(repeating: "a\"", count: 50)]
        for text in texts {
            #expect(try JSONValue.parse(JSONValue.string(text).serialized) == .string(text), "\(text.debugDescription)")
        }
    }

    @Test("Duplicate keys are refused at the second copy, in small and large objects", arguments: [3, 15, 16, 17, 200])
    func duplicateKeys(count: Int) throws {
        let members = (0..<count).map { #""k\#($0)":\#($0)"# }
        #expect(throws: Never.self) { try JSONValue.parse("{" + members.joined(separator: ",") + "}") }
        let text = "{" + (members + [#""k\#(count - 1)":0"#]).joined(separator: ",") + "}"
        #expect { try JSONValue.parse(text) } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.message == "duplicate key 'k\(count - 1)'" && error.offset == text.utf8.count - #""k\#(count - 1)":0}"#.utf8.count
        }
    }

    @Test("Subscripts read, replace, add and remove members in place")
    func subscripts() throws {
        var value = try JSONValue.parse(#"{"a":{"b":"x"},"c":1}"#)
        value["a"]?["b"] = .string("y")
        value["d"] = .bool(true)
        value["c"] = nil
        #expect(value.serialized == #"{"a":{"b":"y"},"d":true}"#)
    }

    @Test("Server-sent events: CRLF, multi-line data, comments and split feeds")
    func serverSentEvents() {
        let stream = ": keep-alive\r\ndata: {\"a\":1}\r\n\r\nevent: x\ndata: line1\ndata:line2\n\ndata: [DONE]\n\n"
        let bytes = Array(stream.utf8)
        for split in 0...bytes.count {
            var parser = ServerSentEventParser()
            let events = parser.feed(bytes[..<split]) + parser.feed(bytes[split...])
            #expect(events == [#"{"a":1}"#, "line1\nline2", "[DONE]"], "split \(split)")
            #expect(!parser.hasPendingEvent)
        }
        var cut = ServerSentEventParser()
        _ = cut.feed(Array("data: {\"par".utf8))
        #expect(cut.hasPendingEvent)
    }
}
