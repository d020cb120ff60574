@testable import Parapet
import Testing

/// The reader of streamed tool-call arguments: the same events wherever the fragments are cut.
@Suite struct JSONStringStreamTests {
    typealias Event = JSONStringStream.Event

    /// The events of `text` cut into fragments of `size` bytes-ish (whole characters), with
    /// adjacent pieces of the same kind joined so that runs compare whatever the cuts.
    static func events(_ text: String, size: Int) -> [Event] {
        var reader = JSONStringStream()
        var all: [Event] = []
        for piece in ChatStreamEdgeTests.pieces(text, size: size) { all += reader.feed(piece) }
        all += reader.finish()
        return joined(all)
    }

    static func joined(_ events: [Event]) -> [Event] {
        var result: [Event] = []
        for event in events {
            switch (result.last, event) {
            case (.verbatim(let a)?, .verbatim(let b)): result[result.count - 1] = .verbatim(a + b)
            case (.content(let a)?, .content(let b)): result[result.count - 1] = .content(a + b)
            case (.text(let a)?, .text(let b)): result[result.count - 1] = .text(a + b)
            default: result.append(event)
            }
        }
        return result
    }

    @Test(arguments: [1, 2, 3, 4, 6, 100])
    func valuesAreDecodedAndLocatedWhereverTheFragmentsAreCut(size: Int) {
        let text = #" {"to\u0041": ["a\"b", "\ud83d\ude00\n"], "n": 3, "o": {"k": "\/x"}}"#
        #expect(Self.events(text, size: size) == [
            .verbatim(" {"), .key(object: 0, path: ".toA", text: "toA", raw: #""to\u0041""#), .verbatim(": ["),
            .open(path: ".toA[0]", name: "toA"), .content("a\"b"), .close,
            .verbatim(", "), .open(path: ".toA[1]", name: "toA"), .content("😀\n"), .close,
            .verbatim("], "), .key(object: 0, path: ".n", text: "n", raw: #""n""#), .verbatim(": "), .number(path: ".n", name: "n", text: "3"),
            .verbatim(", "), .key(object: 0, path: ".o", text: "o", raw: #""o""#), .verbatim(": {"), .key(object: 1, path: ".o.k", text: "k", raw: #""k""#),
            .verbatim(": "), .open(path: ".o.k", name: "k"), .content("/x"), .close,
            .verbatim("}}"),
        ])
    }

    @Test func aMemberValueCarriesItsName() {
        #expect(Self.events(#"{"password": "x"}"#, size: 3) == [
            .verbatim("{"), .key(object: 0, path: ".password", text: "password", raw: #""password""#), .verbatim(": "),
            .open(path: ".password", name: "password"), .content("x"), .close, .verbatim("}"),
        ])
    }

    @Test func invalidEscapesAndLoneSurrogatesDoNotStopTheReader() {
        #expect(Self.events(#"["\x\ud800z"]"#, size: 2) == [
            .verbatim("["), .open(path: "[0]", name: nil), .content("\\x\u{FFFD}z"), .close, .verbatim("]"),
        ])
    }

    @Test(arguments: [1, 5])
    func textThatIsNotJSONIsText(size: Int) {
        #expect(Self.events("  call \\u0040 me", size: size) == [.beginText, .text("  call \\u0040 me")])
    }

    @Test func aStreamEndingInsideAnEscapeSaysSo() {
        #expect(Self.events(#"{"a": "b\u00"#, size: 4) == [
            .verbatim("{"), .key(object: 0, path: ".a", text: "a", raw: #""a""#), .verbatim(": "), .open(path: ".a", name: "a"), .content("b"), .unterminated("\\u00"),
        ])
    }

    /// QA round 3 (2026-12-02): arguments that start like JSON and are not were passed unscanned.
    @Test(arguments: [1, 3, 100])
    func fromTheFirstByteThatBreaksTheJSONOnEverythingIsText(size: Int) {
        // Text between values is held until the JSON is settled, so a break takes it along.
        for text in ["{'to': 'x'}", "{to: x}", "[INFO] mail x", #"{"a": 12ab, "b": 1}"#, #"{"a" "b"}"#, #"{"password": hunter2}"#, "[4111 1111]"] {
            #expect(Self.events(text, size: size) == [.beginText, .text(text)], "\(text)")
        }
        #expect(Self.events(#"{"a": "x"} mail y"#, size: size) == [
            .verbatim("{"), .key(object: 0, path: ".a", text: "a", raw: #""a""#), .verbatim(": "), .open(path: ".a", name: "a"), .content("x"), .close, .verbatim("}"),
            .beginText, .text(" mail y"),
        ])
        #expect(Self.events(#"{"a": "PASSWORD="x" && y"}"#, size: size) == [
            .verbatim("{"), .key(object: 0, path: ".a", text: "a", raw: #""a""#), .verbatim(": "), .open(path: ".a", name: "a"), .content("PASSWORD="), .close,
            .beginText, .text(#"x" && y"}"#),
        ])
        #expect(Self.events(#"{"a": [1, true, null, -2.5e3]}"#, size: size) == [
            .verbatim("{"), .key(object: 0, path: ".a", text: "a", raw: #""a""#), .verbatim(": ["), .number(path: ".a[0]", name: "a", text: "1"), .verbatim(", true, null, "),
            .number(path: ".a[3]", name: "a", text: "-2.5e3"), .verbatim("]}"),
        ])
    }

    /// QA round 5: key bytes were decoded one at a time, so `é` became two U+FFFD.
    @Test(arguments: [1, 2, 100])
    func keysKeepTheirCharacters(size: Int) {
        #expect(Self.events(#"{"é": 1, "ключ": "v"}"#, size: size) == [
            .verbatim("{"), .key(object: 0, path: ".é", text: "é", raw: #""é""#), .verbatim(": "), .number(path: ".é", name: "é", text: "1"),
            .verbatim(", "), .key(object: 0, path: ".ключ", text: "ключ", raw: #""ключ""#), .verbatim(": "),
            .open(path: ".ключ", name: "ключ"), .content("v"), .close, .verbatim("}"),
        ])
    }

    /// QA round 5: a key still open (or without its value) when the stream ended passed on as JSON.
    @Test(arguments: [#"{"a": 1, "ghp_x"#, #"{"ghp_x""#, #"{"ghp_x":"#, #"{"a": 1"#])
    func heldTextOfJSONThatNeverEndsIsText(text: String) {
        let events = Self.events(text, size: 3)
        #expect(events.contains(.beginText), "\(events)")
        #expect(events.compactMap { if case .text(let t) = $0 { t } else { nil } }.joined().contains(text.hasPrefix(#"{"a": 1,"#) ? #""ghp_x"# : text))
    }

    @Test func arrayItemsCarryTheNameOfTheMemberHoldingThem() {
        #expect(Self.events(#"{"password": [["x"]]}"#, size: 2) == [
            .verbatim("{"), .key(object: 0, path: ".password", text: "password", raw: #""password""#), .verbatim(": [["),
            .open(path: ".password[0][0]", name: "password"), .content("x"), .close, .verbatim("]]}"),
        ])
    }

    /// Keys come whole, however the fragments cut them, with their escapes as written in `raw`.
    @Test(arguments: [1, 2, 5])
    func keysComeWhole(size: Int) {
        #expect(Self.events(#"{"jane@x.example\u0021": 1}"#, size: size) == [
            .verbatim("{"), .key(object: 0, path: ".jane@x.example!", text: "jane@x.example!", raw: #""jane@x.example\u0021""#),
            .verbatim(": "), .number(path: ".jane@x.example!", name: "jane@x.example!", text: "1"), .verbatim("}"),
        ])
        // However long, and whatever the fragments cut (QA: a limit made the rest text, and cut
        // a character in two).
        let long = String(repeating: "é", count: 3000)
        #expect(Self.events(#"{"\#(long)": 1}"#, size: 7) == [
            .verbatim("{"), .key(object: 0, path: ".\(long)", text: long, raw: "\"\(long)\""), .verbatim(": "),
            .number(path: ".\(long)", name: long, text: "1"), .verbatim("}"),
        ])
    }

    @Test func nestingDeeperThanTheParserTakesIsText() {
        let deep = String(repeating: "[", count: 300) + "1" + String(repeating: "]", count: 300)
        #expect(Self.events(deep, size: 50) == [.beginText, .text(deep)])
        // The parser counts the value inside as a level too: 256 brackets around it are too many.
        let limit = String(repeating: "[", count: 256) + "1" + String(repeating: "]", count: 256)
        #expect(Self.events(limit, size: 50) == [.beginText, .text(limit)])
        let under = String(repeating: "[", count: 255) + "1" + String(repeating: "]", count: 255)
        #expect(Self.events(under, size: 50).contains(.number(path: String(repeating: "[0]", count: 255), name: nil, text: "1")))
    }

    @Test(arguments: ["0", "-0.5", "12e+3", "1E5", "0123"])
    func numbers(_ text: String) { #expect(JSONStringStream.isNumber(Array(text.utf8))) }

    @Test(arguments: ["1.", ".5", "-", "1e", "+1", "0x1F", "1-2"])
    func notNumbers(_ text: String) { #expect(!JSONStringStream.isNumber(Array(text.utf8))) }

    @Test func aNumberLongerThanSixtyFourDigitsIsStillANumber() {
        let long = String(repeating: "7", count: 200)
        #expect(Self.events(#"{"a": \#(long)}"#, size: 7) == [.verbatim("{"), .key(object: 0, path: ".a", text: "a", raw: #""a""#), .verbatim(": "), .number(path: ".a", name: "a", text: long), .verbatim("}")])
    }
}
