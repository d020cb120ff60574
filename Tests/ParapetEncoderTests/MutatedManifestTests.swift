import Foundation
import ParapetTestSupport
import Testing
@testable import ParapetEncoder

/// Hostile manifests: the test bundle's manifest with values swapped for wrong types, extremes,
/// empty or missing ones. Each loads or is refused with an ``EncoderError`` naming the manifest;
/// none traps the process.
@Suite struct MutatedManifestTests {
    static var replacements: [Any] { [
        -1, 0, 1, 3, Int.max, Int.min, 1e300, -1e300, 0.5, "", "x", "none", [Any](), [String: Any](), NSNull(), true,
        String(repeating: "f", count: 64), ["a", "a"], [[String: Any]()],
    ] }

    /// Replaces one randomly chosen value (at any depth) of `value`, or deletes a key.
    static func mutate(_ value: Any, _ random: inout SeededGenerator) -> Any {
        if var map = value as? [String: Any], !map.isEmpty {
            let keys = map.keys.sorted()
            let key = keys[Int.random(in: keys.indices, using: &random)]
            switch Int.random(in: 0..<4, using: &random) {
            case 0: map[key] = nil
            case 1: map[key] = replacements[Int.random(in: replacements.indices, using: &random)]
            default: map[key] = mutate(map[key] as Any, &random)
            }
            return map
        }
        if var list = value as? [Any], !list.isEmpty {
            let index = Int.random(in: list.indices, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: list.remove(at: index)
            case 1: list.append(list[index])
            default: list[index] = mutate(list[index], &random)
            }
            return list
        }
        return replacements[Int.random(in: replacements.indices, using: &random)]
    }

    @Test func mutatedManifestsLoadOrAreRefusedByName() throws {
        guard TestSupport.modelAvailable || TestSupport.isCI else { return }
        var random = SeededGenerator(seed: 47)
        let directory = try ClassifierFixture.copy { _ in }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let original = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json")))
        var refused = 0, loaded = 0
        for trial in 0..<300 {
            var manifest = original
            for _ in 0..<Int.random(in: 1...2, using: &random) { manifest = Self.mutate(manifest, &random) }
            try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: directory + "/manifest.json"))
            do {
                _ = try ClassifierBundle(directory: directory, modelsDirectory: ClassifierFixture.modelsDirectory)
                loaded += 1
            } catch {
                refused += 1
                #expect(error.path?.isEmpty == false, "trial \(trial): \(error)")
            }
        }
        #expect(refused > 150)
        #expect(loaded > 5)
    }
}
