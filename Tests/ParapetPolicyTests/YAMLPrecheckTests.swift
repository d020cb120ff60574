@testable import ParapetPolicy
import Testing

@Suite("YAML pre-checks: keys inside keys, libyaml's extra line breaks")
struct YAMLPrecheckTests {
    @Test func plainKeysAndSingleCollectionKeysPass() {
        #expect(NestedKeyCheck.problem("version: 1\nname: x\nrules: [{id: a}]\n") == nil)
        #expect(NestedKeyCheck.problem("[a, b]: 1\n? {c: d}\n: 2\n") == nil)
        // Collections inside a key's values are no keys.
        #expect(NestedKeyCheck.problem("? {a: [1, {b: 2}]}\n: 1\n") == nil)
    }

    @Test func aKeyInsideAKeyIsLocated() throws {
        #expect(NestedKeyCheck.problem("x: 1\n? ? [x]\n  : y\n: z\n")! == (2, 5))
        #expect(NestedKeyCheck.problem("a: {? {? {b: 1}: 2}: 3}\n")! == (1, 10))
        // Also below a value that is a collection key's value.
        #expect(NestedKeyCheck.problem("? {a: {[b]: 1}}\n: 2\n")! == (1, 8))
    }

    @Test func aDeepChainOfKeysIsRefusedAtItsSecondLevel() {
        let depth = 450
        let pad = (0..<6).map { "k\($0): [1, 2, 3, 4]" }.joined(separator: ", ")
        let yaml = "extra: " + String(repeating: "{? ", count: depth) + "x"
            + String(repeating: ": v, \(pad)}", count: depth) + "\n"
        #expect(NestedKeyCheck.problem(yaml)! == (1, 14))
    }

    @Test func aTextThatDoesNotParseIsLeftToTheComposer() {
        #expect(NestedKeyCheck.problem("a: [b\n? {c") == nil)
    }

    @Test func theServerConfigurationIsRefusedWithTheSameCheck() {
        #expect(YAMLPrecheck.refusal("a: {? {? {b: 1}: 2}: 3}\n")?.hasPrefix("1:10: a key that is a mapping or a list") == true)
        #expect(YAMLPrecheck.refusal("a: 1\nb: [c]\n") == nil)
    }

    @Test func linesAreTheFilesLines() {
        let identity = YAMLLineMap("a: 1\r\nb: 2\n")
        #expect(identity.position(line: 2, column: 3) == (2, 3))
        // `a: "x<U+2028>y"`: libyaml's line 2 starts at the `y`, column 7 of line 1.
        let separator = YAMLLineMap("a: \"x\u{2028}y\"\nb: 1\n")
        #expect(separator.position(line: 2, column: 1) == (1, 7))
        #expect(separator.position(line: 3, column: 1) == (2, 1))
        // A lone CR and U+0085 are breaks for libyaml; CRLF stays one.
        let mixed = YAMLLineMap("a\r\nb\rc\u{85}d\ne")
        #expect(mixed.position(line: 2, column: 1) == (2, 1))
        #expect(mixed.position(line: 3, column: 1) == (2, 3))
        #expect(mixed.position(line: 4, column: 2) == (2, 6))
        #expect(mixed.position(line: 5, column: 1) == (3, 1))
        // The end of a text without a final break is on a line of libyaml's own after the last.
        #expect(YAMLLineMap("a: 1\rb: [").position(line: 3, column: 1) == (2, 1))
    }
}
