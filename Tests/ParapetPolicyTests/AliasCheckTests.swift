import Foundation
import Testing
import Yams

@testable import ParapetPolicy

/// Aliases are checked on a shadow of the text before the text itself is expanded.
@Suite("Alias check")
struct AliasCheckTests {
    static func laughs(levels: Int) -> String {
        var lines = ["root:", "  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...levels {
            lines.append("  l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func theShadowReplacesAliasesOnly() {
        let shadow = AliasCheck.shadow("a: &x 1\nb: [*y, *z]\nc: \"5 * 3\"\nd: a*b\ne: *x\n")
        #expect(shadow.text == "a: &x 1\nb: [!parapet-alias-y , !parapet-alias-z ]\nc: \"5 * 3\"\nd: a*b\ne: !parapet-alias-x \n")
        #expect(shadow.anchors == [AliasCheck.Position(line: 1, column: 4): "x"])
        #expect(AliasCheck.shadow("no aliases: here").text == "no aliases: here")
    }

    @Test func nestedAliasesAreCountedWithoutExpandingThem() throws {
        let laughs = AliasCheck.shadow(Self.laughs(levels: 9))
        let shadow = try #require(try Yams.compose(yaml: laughs.text))
        let problem = AliasCheck.problem(in: shadow, anchors: laughs.anchors, limit: 100_000)
        #expect(problem?.message == "the file's aliases (*name) expand to more than 100000 nodes")
        let small = AliasCheck.shadow(Self.laughs(levels: 2))
        let smallRoot = try #require(try Yams.compose(yaml: small.text))
        #expect(AliasCheck.problem(in: smallRoot, anchors: small.anchors, limit: 100_000) == nil)
        #expect(AliasCheck.problem(in: smallRoot, anchors: small.anchors, limit: 1_000) != nil)
    }

    @Test func anAliasInAKeyIsRefused() throws {
        let keyed = AliasCheck.shadow("a: &a x\n? *a\n: y\n")
        let keyedRoot = try #require(try Yams.compose(yaml: keyed.text))
        let problem = try #require(AliasCheck.problem(in: keyedRoot, anchors: keyed.anchors, limit: 100_000))
        #expect(problem.mark?.line == 2)
        #expect(AliasCheck.refusal("a: &a x\n? [*a]\n: y\n") != nil)
        #expect(AliasCheck.refusal("a: &a x\nb: *a\n") == nil)
    }
}
