import Foundation
import Testing
import Yams

@testable import ParapetPolicy

/// Aliases are checked on a shadow of the text before the text itself is expanded.
@Suite("Alias check")
struct AliasCheckTests {
    /// Nested aliases, each level ten of the one before; `tag` goes before each anchor.
    static func laughs(levels: Int, tag: String = "", lineBreak: String = "\n") -> String {
        var lines = ["root:", "  l0: \(tag)&l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...levels {
            lines.append("  l\(level): \(tag)&l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: lineBreak) + lineBreak
    }

    static func problem(_ yaml: String, limit: Int = 100_000) throws -> AliasCheck.Problem? {
        try AliasCheck.problem(shadow: AliasCheck.shadow(yaml), limit: limit)
    }

    @Test func theShadowReplacesAliasesOnly() {
        #expect(AliasCheck.shadow("a: &x 1\nb: [*y,*z]\nc: \"5 * 3\"\nd: a*b\ne: *x\n")
            == "a: &x 1\nb: [!<parapet-alias:y.1> ,!<parapet-alias:z.2> ]\nc: \"5 * 3\"\nd: a*b\ne: !<parapet-alias:x.3> \n")
        #expect(AliasCheck.shadow("no aliases: here") == "no aliases: here")
        #expect(AliasCheck.originalPosition(line: 2, column: 28, inShadow: "a: 1\nb: [!<parapet-alias:y.1> , }") == (2, 9))
    }

    @Test func nestedAliasesAreCountedWithoutExpandingThem() throws {
        #expect(try Self.problem(Self.laughs(levels: 9))?.message.contains("expand it past 100000") == true)
        #expect(try Self.problem(Self.laughs(levels: 2)) == nil)
        #expect(try Self.problem(Self.laughs(levels: 2), limit: 1_000) != nil)
    }

    @Test("Tags before anchors and other line breaks do not hide an anchor", arguments: [
        ("!!seq ", "\n", ""), ("", "\r", ""), ("", "\r\n", ""), ("", "\u{2028}", ""), ("", "\u{85}", ""),
        ("", "\n", "%TAG ! tag:x,2000:\n---\n"), ("!seq ", "\n", "%TAG ! tag:yaml.org,2002:\n---\n"),
    ])
    func anchorsAreFoundWhateverSurroundsThem(tag: String, lineBreak: String, directives: String) throws {
        let problem = try Self.problem(directives + Self.laughs(levels: 9, tag: tag, lineBreak: lineBreak))
        #expect(problem?.message.contains("expand it past") == true)
    }

    @Test func aLongStringAliasedManyTimesIsRefused() throws {
        let long = String(repeating: "x", count: 10_000)
        let yaml = "s: &s \(long)\nterms: [" + Array(repeating: "*s", count: 600).joined(separator: ", ") + "]\n"
        #expect(try Self.problem(yaml, limit: AliasCheck.limit(for: yaml))?.message.contains("expand it past") == true)
        let reused = "s: &s \(long)\na: *s\nb: *s\n"
        #expect(try Self.problem(reused, limit: AliasCheck.limit(for: reused)) == nil)
    }

    @Test func theShadowIsLinearInTheNumberOfAliases() {
        let yaml = "a: &a x\nb: [" + Array(repeating: "*a", count: 100_000).joined(separator: ",") + "]\n"
        #expect(AliasCheck.shadow(yaml).utf8.count > yaml.utf8.count)  // would take minutes if quadratic
    }

    @Test func aliasesThatNestTooDeepAreRefused() throws {
        var lines = ["a0: &a0 x"]
        for level in 1...4 {
            lines.append("a\(level): &a\(level) " + String(repeating: "[", count: 400) + "*a\(level - 1)" + String(repeating: "]", count: 400))
        }
        let problem = try Self.problem(lines.joined(separator: "\n") + "\n")
        #expect(problem?.message == "the file's aliases (*name) nest it deeper than 1000 levels")
    }

    @Test func anAliasInAKeyIsRefused() throws {
        let problem = try #require(try Self.problem("a: &a x\n? *a\n: y\n"))
        #expect(problem.mark?.line == 2)
        #expect(AliasCheck.refusal("a: &a x\n? [*a]\n: y\n") != nil)
        #expect(AliasCheck.refusal("a: &a x\n\u{2028}? *a\n: y\n") != nil)
        #expect(AliasCheck.refusal("a: &a x\nb: *a\n") == nil)
        #expect(try Self.problem("a: &a x\nk: {\u{2028}*a : 1, \u{2028}*a : 2}\n")?.message == "an alias (*name) cannot be a key or part of one")
    }
}
