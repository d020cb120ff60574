import Foundation

/// Builds a safetensors file in memory: tensors in insertion order, header padded to 8 bytes.
public struct SafetensorsWriter: Sendable {
    private var entries: [(name: String, dtype: SafetensorsFile.DType, shape: [Int], bytes: [UInt8])] = []
    /// String metadata written as `__metadata__`.
    public var metadata: [String: String] = [:]

    /// An empty file.
    public init() {}

    /// Adds a tensor of raw little-endian bytes.
    public mutating func add(_ name: String, dtype: SafetensorsFile.DType, shape: [Int], bytes: [UInt8]) {
        entries.append((name, dtype, shape, bytes))
    }

    /// Adds `values` converted to `dtype` (F32, F16 or BF16).
    public mutating func add(_ name: String, floats values: [Float], shape: [Int], dtype: SafetensorsFile.DType = .f32) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * dtype.size)
        for v in values {
            switch dtype {
            case .f32: withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            case .f16: withUnsafeBytes(of: HalfFloat.fromFloat(v).littleEndian) { bytes.append(contentsOf: $0) }
            case .bf16: withUnsafeBytes(of: HalfFloat.bf16FromFloat(v).littleEndian) { bytes.append(contentsOf: $0) }
            case .i8: bytes.append(UInt8(bitPattern: Int8(clamping: Int(v.rounded()))))
            case .f64, .i64, .i32, .i16, .u8, .bool: bytes.append(contentsOf: [UInt8](repeating: 0, count: dtype.size))
            }
        }
        add(name, dtype: dtype, shape: shape, bytes: bytes)
    }

    /// The serialized file.
    public func bytes() -> [UInt8] {
        var offset = 0
        var parts: [String] = []
        if !metadata.isEmpty {
            let m = metadata.keys.sorted().map { "\(Self.quote($0)):\(Self.quote(metadata[$0] ?? ""))" }
            parts.append("\"__metadata__\":{\(m.joined(separator: ","))}")
        }
        for e in entries {
            let shape = e.shape.map(String.init).joined(separator: ",")
            parts.append("\(Self.quote(e.name)):{\"dtype\":\"\(e.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + e.bytes.count)]}")
            offset += e.bytes.count
        }
        var header = Array(("{" + parts.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var out: [UInt8] = []
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: header)
        for e in entries { out.append(contentsOf: e.bytes) }
        return out
    }

    private static func quote(_ s: String) -> String {
        var r = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case _ where u.value < 0x20: r += String(format: "\\u%04x", u.value)
            default: r.unicodeScalars.append(u)
            }
        }
        return r + "\""
    }
}
