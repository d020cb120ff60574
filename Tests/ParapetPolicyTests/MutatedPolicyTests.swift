import Foundation
import ParapetCore
import ParapetPolicy
import ParapetTestSupport
import Testing

/// Hostile policy files: the shipped policies and fixtures cut, spliced and with bytes flipped.
/// Every one is either loaded or refused with located errors; none traps the process.
@Suite struct MutatedPolicyTests {
    static func sources() throws -> [[UInt8]] {
        let directories = [Support.repositoryRoot + "/policies", Support.fixtures]
        var texts: [[UInt8]] = []
        for directory in directories {
            let names = (FileManager.default.subpaths(atPath: directory) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
            for name in names { texts.append(Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))) }
        }
        return texts
    }

    /// YAML tokens worth inserting into a policy.
    static let tokens = ["\n- ", ": ", "{", "}", "[", "]", "&a ", "*a", "!!binary ", "<<: *a\n", "\t", "'", "\"", "~", "1e999",
                         "-999999999999999999999", "\u{FEFF}", "\0"]

    static func mutate(_ bytes: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        ByteMutation.mutate(bytes, tokens: tokens, using: &random)
    }

    @Test func mutatedPoliciesAreLoadedOrRefusedWithLocatedErrors() throws {
        var random = SeededGenerator(seed: 37)
        let loader = Support.loader()
        let originals = try Self.sources()
        #expect(originals.count >= 10)
        var refused = 0, loaded = 0
        for trial in 0..<3_000 {
            var bytes = originals[trial % originals.count]
            for _ in 0..<Int.random(in: 1...3, using: &random) { bytes = Self.mutate(bytes, &random) }
            let yaml = String(decoding: bytes, as: UTF8.self)
            let errors = loader.lint(yaml: yaml, source: "m.yaml")
            if errors.isEmpty {
                loaded += 1
            } else {
                refused += 1
                #expect(errors.allSatisfy { !$0.code.isEmpty && $0.file == "m.yaml" }, "trial \(trial)")
            }
        }
        // Most sources are invalid fixtures, so most mutants are refused; some still load.
        #expect(refused > 1_000)
        #expect(loaded > 40)
    }

    @Test func mutatedPolicyTestFilesAreParsedOrRefusedWithLocatedErrors() throws {
        var random = SeededGenerator(seed: 41)
        let directory = Support.repositoryRoot + "/policies/tests"
        let originals = try (FileManager.default.subpaths(atPath: directory) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0))) }
        #expect(originals.count >= 5)
        var refused = 0, parsed = 0
        for trial in 0..<2_000 {
            var bytes = originals[trial % originals.count]
            for _ in 0..<Int.random(in: 1...3, using: &random) { bytes = Self.mutate(bytes, &random) }
            do {
                _ = try PolicyTestSuite.parse(yaml: String(decoding: bytes, as: UTF8.self), source: "t.yaml")
                parsed += 1
            } catch {
                refused += 1
                #expect(!error.errors.isEmpty && error.errors.allSatisfy { !$0.code.isEmpty && $0.file == "t.yaml" }, "trial \(trial)")
            }
        }
        #expect(refused > 500)
        #expect(parsed > 100)
    }
}
