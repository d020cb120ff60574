import Foundation
import ParapetPolicy
import Testing

/// Every file in Fixtures/invalid declares the errors it must produce in its first line:
/// `# expect: code@line:column, code@other-file.yaml:line:column, ...`.
@Suite("Invalid policy fixtures")
struct InvalidFixtureTests {
    static let directory = Support.fixtures + "/invalid"

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// The `# expect:` header, as `code@file:line:column` strings (file names without directory).
    static func expected(_ file: String) -> [String] {
        let data = FileManager.default.contents(atPath: directory + "/" + file) ?? Data()
        let firstLine = String(decoding: data.prefix { $0 != 0x0A }, as: UTF8.self)
        guard firstLine.hasPrefix("# expect:") else { return [] }
        return firstLine.dropFirst("# expect:".count).split(separator: ",").map { item in
            let spec = item.trimmingCharacters(in: .whitespacesAndNewlines)
            let (code, location) = (spec.prefix { $0 != "@" }, spec.drop { $0 != "@" }.dropFirst())
            return location.filter { $0 == ":" }.count == 2 ? "\(code)@\(location)" : "\(code)@\(file):\(location)"
        }.sorted()
    }

    @Test func thereAreFixturesForEveryCode() {
        let codes = Set(Self.files.flatMap { Self.expected($0) }.map { String($0.prefix { $0 != "@" }) })
        let required: Set<String> = [
            "yaml_syntax", "unknown_key", "missing_key", "bad_type", "bad_value", "unknown_scanner_type",
            "bad_scanner_params", "duplicate_id", "unknown_scanner_ref", "bad_category_pattern", "unknown_operator",
            "extends_cycle", "extends_not_found", "invalid_utf8", "duplicate_key", "missing_env", "alias_expansion", "unknown_score",
        ]
        #expect(required.subtracting(codes).isEmpty, "no fixture for \(required.subtracting(codes).sorted())")
    }

    @Test(arguments: files)
    func fixtureReportsExactlyItsExpectedErrors(file: String) {
        let expected = Self.expected(file)
        #expect(!expected.isEmpty, "\(file) has no # expect: header")
        let errors = Support.loader().lint(file: Self.directory + "/" + file)
        let actual = errors.map { "\($0.code)@\(($0.file as NSString).lastPathComponent):\($0.line):\($0.column)" }.sorted()
        #expect(actual == expected, "\(errors.map(\.description).joined(separator: "\n"))")
        #expect(errors.allSatisfy { !$0.message.isEmpty })
    }

    @Test func loadThrowsTheSameListAsLint() {
        let path = Self.directory + "/everything-at-once.yaml"
        do {
            _ = try Support.loader().load(file: path)
            Issue.record("an invalid policy loaded")
        } catch {
            #expect(error.errors == Support.loader().lint(file: path))
            #expect(error.errors.count == 9)
        }
    }
}
