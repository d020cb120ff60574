import Testing

@testable import Parapet

/// Escapes that only hide a character are written as the character; required ones stay.
@Suite struct JSONEscapeNormalizerTests {
    @Test(arguments: [
        (#"\u003cEMAIL_1\u003e"#, "<EMAIL_1>"),
        (#"a\u0040b.example \/ c"#, "a@b.example / c"),
        (#"\u00e9\u00C9 \ud83d\ude00"#, "éÉ 😀"),
        (#"\" \\ \n \u0022 \u005c \u0001"#, #"\" \\ \n \u0022 \u005c \u0001"#),
        (#"\\u0040"#, #"\\u0040"#),  // an escaped backslash, then plain text
        (#"\ud83d alone \ude00 alone \ud83d\u0041"#, #"\ud83d alone \ude00 alone \ud83dA"#),
        (#"\uZZZZ \u12"#, #"\uZZZZ \u12"#),
        ("no escapes at all", "no escapes at all"),
    ])
    func normalizes(input: String, expected: String) {
        #expect(JSONEscapeNormalizer.normalize(input) == expected)
    }

    @Test func fragmentsCutAnywhereGiveTheWholeResult() {
        let text = #"x\u003cy\u003e \ud83d\ude00 \\u0040 \/ \u00e9 end\u00"#
        let whole = JSONEscapeNormalizer.normalize(text)
        let scalars = Array(text.unicodeScalars)
        for cut in 0...scalars.count {
            for second in cut...scalars.count {
                var normalizer = JSONEscapeNormalizer()
                var out = normalizer.feed(String(String.UnicodeScalarView(scalars[..<cut])))
                out += normalizer.feed(String(String.UnicodeScalarView(scalars[cut..<second])))
                out += normalizer.feed(String(String.UnicodeScalarView(scalars[second...])))
                out += normalizer.finish()
                #expect(out == whole, "cuts \(cut), \(second)")
            }
        }
    }
}
