import Foundation
import Testing
@testable import ParapetEncoder

@Suite("Safetensors reader")
struct SafetensorsTests {
    static func sample() -> Data {
        var w = SafetensorsWriter()
        w.metadata = ["format": "pt"]
        w.add("a.weight", floats: [1, -2, 3.5, 0.25, 1e-3, -7], shape: [2, 3])
        w.add("b.half", floats: [0.5, -1.5, 65504, 6e-8], shape: [4], dtype: .f16)
        w.add("c.bf16", floats: [1, -3, 0.1], shape: [3], dtype: .bf16)
        return Data(w.bytes())
    }

    static func write(_ data: Data, name: String = UUID().uuidString) throws -> String {
        let path = NSTemporaryDirectory() + "parapet-st-\(name).safetensors"
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("reads F32, F16 and BF16 tensors")
    func readsDtypes() throws {
        let path = try Self.write(Self.sample())
        defer { try? FileManager.default.removeItem(atPath: path) }
        let f = try SafetensorsFile(path: path)
        #expect(f.names == ["a.weight", "b.half", "c.bf16"])
        #expect(f.metadata == ["format": "pt"])
        #expect(try f.floats("a.weight", shape: [2, 3]) == [1, -2, 3.5, 0.25, 1e-3, -7])
        #expect(try f.floats("b.half") == [0.5, -1.5, 65504, Float(0x1p-24)])
        let bf = try f.floats("c.bf16")
        #expect(bf[0] == 1 && bf[1] == -3 && abs(bf[2] - 0.1) < 1e-3)
        #expect(throws: EncoderError.self) { try f.floats("a.weight", shape: [3, 2]) }
        #expect(throws: EncoderError.self) { try f.floats("missing") }
    }

    @Test("half-float conversions round-trip every binary16 value")
    func halfRoundTrip() {
        for h in UInt16.min...UInt16.max {
            let f = HalfFloat.toFloat(h)
            if f.isNaN { continue }
            #expect(HalfFloat.fromFloat(f) == h, "0x\(String(h, radix: 16))")
        }
    }

    @Test("clear errors for malformed headers", arguments: [
        ("short", Data([1, 2, 3]), EncoderError.Code.truncated),
        ("huge length", Data([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]), .badHeader),
        ("not json", Data([4, 0, 0, 0, 0, 0, 0, 0]) + Data("{{{{".utf8), .badHeader),
        ("array", Data([2, 0, 0, 0, 0, 0, 0, 0]) + Data("[]".utf8), .badHeader),
        ("bad dtype", header(#"{"x":{"dtype":"F8_X9","shape":[1],"data_offsets":[0,8]}}"#, data: 8), .unsupportedDType),
        ("past end", header(#"{"x":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: 8), .badOffsets),
        ("size mismatch", header(#"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,16]}}"#, data: 16), .badOffsets),
        ("overlap", header(#"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"y":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#, data: 12), .overlap),
        ("negative", header(#"{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}"#, data: 0), .badHeader),
        ("fraction", header(#"{"x":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#, data: 4), .badHeader),
        ("bool shape", header(#"{"x":{"dtype":"F32","shape":[true],"data_offsets":[0,4]}}"#, data: 4), .badHeader),
        ("overflow", header(#"{"x":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}"#, data: 4), .badOffsets),
    ])
    func malformed(_ label: String, _ data: Data, _ code: EncoderError.Code) throws {
        let path = try Self.write(data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try SafetensorsFile(path: path)
            Issue.record("\(label): expected \(code)")
        } catch {
            #expect(error.code == code, "\(label): \(error)")
        }
    }

    static func header(_ json: String, data: Int) -> Data {
        var d = Data()
        withUnsafeBytes(of: UInt64(json.utf8.count).littleEndian) { d.append(contentsOf: $0) }
        return d + Data(json.utf8) + Data(count: data)
    }

    @Test("fuzz: thousands of mutated and truncated files throw or load, never crash (seed 7)")
    func fuzz() throws {
        let valid = [UInt8](Self.sample())
        var rng = TestSupport.SeededRNG(seed: 7)
        let path = NSTemporaryDirectory() + "parapet-st-fuzz-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var loaded = 0, rejected = 0
        for _ in 0..<3000 {
            var bytes = valid
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
            case 1:
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            case 2:
                // Mutate digits and punctuation inside the JSON header, where it hurts most.
                let i = Int.random(in: 8..<min(bytes.count, 8 + 200), using: &rng)
                bytes[i] = Array("0123456789[]{},:\"-.eE ".utf8).randomElement(using: &rng) ?? 0
            default:
                let i = Int.random(in: 0..<8, using: &rng)
                bytes[i] = UInt8.random(in: 0...255, using: &rng)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                let f = try SafetensorsFile(path: path)
                for name in f.names { _ = try? f.floats(name) }
                loaded += 1
            } catch {
                rejected += 1
                #expect(!error.message.isEmpty)
            }
        }
        #expect(rejected > 1000)
        #expect(loaded + rejected == 3000)
    }
}
