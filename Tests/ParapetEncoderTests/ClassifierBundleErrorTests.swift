import Foundation
import Testing
@testable import ParapetEncoder

/// The loader refuses broken bundles with an error naming the file and the field or tensor.
@Suite("Classifier bundle errors")
struct ClassifierBundleErrorTests {
    static let models = ClassifierFixture.modelsDirectory

    /// Loads a bundle and returns the error it throws (nil when it loads).
    func loadError(_ dir: String, check: ClassifierBundle.BackboneCheck = .cachedManifest) -> EncoderError? {
        do {
            _ = try ClassifierBundle(directory: dir, modelsDirectory: Self.models, backboneCheck: check)
            return nil
        } catch {
            return error
        }
    }

    @Test("a missing manifest or bundle file names its path")
    func missingFiles() throws {
        guard TestSupport.modelAvailable || TestSupport.isCI else { return }
        let noManifest = try ClassifierFixture.copy { _ in }
        try FileManager.default.removeItem(atPath: noManifest + "/manifest.json")
        let e1 = loadError(noManifest)
        #expect(e1?.code == .badManifest)
        #expect(e1?.path?.hasSuffix("/manifest.json") == true)

        let noHeads = try ClassifierFixture.copy { _ in }
        try FileManager.default.removeItem(atPath: noHeads + "/heads.safetensors")
        let e2 = loadError(noHeads)
        #expect(e2?.code == .io)
        #expect(e2?.path?.hasSuffix("/heads.safetensors") == true)
        #expect(e2?.field == "heads.file")
    }

    @Test("digest mismatches are refused: adapter, heads, backbone (cached manifest and hashed)")
    func digests() throws {
        guard TestSupport.modelAvailable || TestSupport.isCI else { return }
        let zeros = String(repeating: "0", count: 64)
        let heads = loadError(try ClassifierFixture.copy { m in
            var h = m["heads"] as? [String: Any] ?? [:]
            h["sha256"] = zeros
            m["heads"] = h
        })
        #expect(heads?.code == .digestMismatch)
        #expect(heads?.field == "heads.sha256")
        #expect(heads?.path?.hasSuffix("/heads.safetensors") == true)

        let adapter = loadError(try ClassifierFixture.copy { m in
            var a = m["adapter"] as? [String: Any] ?? [:]
            a["sha256"] = zeros
            m["adapter"] = a
        })
        #expect(adapter?.code == .digestMismatch)
        #expect(adapter?.field == "adapter.sha256")

        let backbone = try ClassifierFixture.copy { m in m["backbone"] = ["name": "all-MiniLM-L6-v2", "sha256": zeros] }
        for check in [ClassifierBundle.BackboneCheck.cachedManifest, .hash] {
            let e = loadError(backbone, check: check)
            #expect(e?.code == .digestMismatch)
            #expect(e?.field == "backbone.sha256")
            #expect(e?.description.contains(zeros) == true)
        }
    }

    @Test("a backbone missing from the cache says how to fetch it")
    func missingBackbone() throws {
        let dir = try ClassifierFixture.copy { m in
            m["backbone"] = ["name": "no-such-model", "sha256": String(repeating: "a", count: 64)]
        }
        let e = loadError(dir)
        #expect(e?.code == .io)
        #expect(e?.message.contains("parapet models fetch no-such-model") == true)
    }

    @Test("adapter shapes are checked against the config and the manifest")
    func shapes() throws {
        guard TestSupport.modelAvailable || TestSupport.isCI else { return }
        func editAdapter(_ edit: @escaping (inout [String: Any]) -> Void) throws -> String {
            try ClassifierFixture.copy { m in
                var a = m["adapter"] as? [String: Any] ?? [:]
                edit(&a)
                m["adapter"] = a
            }
        }
        let rank = loadError(try editAdapter { $0["rank"] = 3 })
        #expect(rank?.code == .shapeMismatch)
        #expect(rank?.tensor?.hasSuffix(".lora_A") == true)
        #expect(rank?.message.contains("[3, 384]") == true)

        let layer = loadError(try editAdapter { $0["layers"] = [0, 2, 5, 6] })
        #expect(layer?.code == .shapeMismatch)
        #expect(layer?.field == "adapter.layers")

        let unlisted = loadError(try editAdapter { $0["layers"] = [0, 2] })
        #expect(unlisted?.code == .shapeMismatch)
        #expect(unlisted?.tensor?.hasPrefix("encoder.layer.5.") == true)

        let target = loadError(try editAdapter { $0["targets"] = ["attention.self.query", "pooler.dense"] })
        #expect(target?.code == .badManifest)
        #expect(target?.field == "adapter.targets")

        let head = loadError(try ClassifierFixture.copy { m in
            var tasks = m["tasks"] as? [[String: Any]] ?? []
            tasks[1]["hidden"] = 32
            m["tasks"] = tasks
        })
        #expect(head?.code == .shapeMismatch)
        #expect(head?.tensor == "heads.toxicity.dense.weight")
    }

    /// A JSON value for a test argument (`Any` is not `Sendable`).
    enum Value: Sendable {
        case int(Int), string(String), strings([String]), numbers([String: Double])
        var json: Any {
            switch self {
            case .int(let v): v
            case .string(let v): v
            case .strings(let v): v
            case .numbers(let v): v
            }
        }
    }

    @Test("bad manifest fields are named", arguments: [
        ("format", Value.int(2), "format"),
        ("pooling", .string("max"), "pooling"),
        ("max_tokens", .int(1024), "max_tokens"),
        ("tasks", .strings([]), "tasks"),
    ])
    func badFields(_ key: String, _ value: Value, _ field: String) throws {
        guard TestSupport.modelAvailable || TestSupport.isCI else { return }
        let e = loadError(try ClassifierFixture.copy { $0[key] = value.json })
        #expect(e?.code == .badManifest)
        #expect(e?.field == field)
        #expect(e?.description.contains("manifest.json") == true)
    }

    @Test("bad task fields are named with their index", arguments: [
        ("direction", Value.string("sideways"), "tasks[0].direction"),
        ("labels", .strings(["attack"]), "tasks[0].labels"),
        ("activation", .string("gelu"), "tasks[0].activation"),
        ("thresholds", .numbers([:]), "tasks[0].thresholds.injection"),
        ("thresholds", .numbers(["injection": 1.5]), "tasks[0].thresholds.injection"),
    ])
    func badTaskFields(_ key: String, _ value: Value, _ field: String) throws {
        let e = loadError(try ClassifierFixture.copy { m in
            var tasks = m["tasks"] as? [[String: Any]] ?? []
            tasks[0][key] = value.json
            m["tasks"] = tasks
        })
        #expect(e?.code == .badManifest)
        #expect(e?.field == field)
    }
}
