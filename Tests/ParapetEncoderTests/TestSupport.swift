import Foundation
@testable import ParapetEncoder

/// Paths and helpers shared by the encoder tests.
enum TestSupport {
    /// The committed Fixtures folder.
    static var fixtures: String {
        Bundle.module.resourcePath.map { $0 + "/Fixtures" } ?? "Tests/ParapetEncoderTests/Fixtures"
    }

    /// The repository root (this file is Tests/ParapetEncoderTests/TestSupport.swift).
    static var repoRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The cached MiniLM directory, from PARAPET_MODEL_DIR or models-cache/.
    static var modelDirectory: String {
        ProcessInfo.processInfo.environment["PARAPET_MODEL_DIR"] ?? repoRoot + "/models-cache/all-MiniLM-L6-v2"
    }

    /// Whether the model weights are there. Under CI (env CI set) a missing model is a failure,
    /// reported by `requireModel`; locally the tests that need it are skipped.
    static var modelAvailable: Bool {
        FileManager.default.fileExists(atPath: modelDirectory + "/model.safetensors")
    }

    /// True when running under CI, where a missing model must fail rather than skip.
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// Reads a JSONL fixture into JSON objects.
    static func jsonLines(_ name: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: fixtures + "/" + name, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw EncoderError(.invalidArgument, "fixture line is not an object")
            }
            return obj
        }
    }

    /// A deterministic xorshift generator for property tests.
    struct SeededRNG: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
    }
}

extension TestSupport {
    /// The exact int32 product of m rows of 7- or 8-bit codes (`q`, row stride `Native.int8RowStride(k)`)
    /// and the packed weight, through `Native.gemmInt8Raw` on `isa`.
    static func rawInt8Product(m: Int, n: Int, k: Int, q: [UInt8], packed: PackedInt8, isa: Native.ISA) -> [Int32] {
        var got = [Int32](repeating: 0, count: m * n)
        q.withUnsafeBufferPointer { qp in
            got.withUnsafeMutableBufferPointer { yp in
                Native.gemmInt8Raw(m: m, n: n, k: k, q: qp.baseAddress!, packed: packed, y: yp.baseAddress!, ldy: n, isa: isa)
            }
        }
        return got
    }
}
