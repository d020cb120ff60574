import Foundation

/// A memory-mapped safetensors file with a validated header.
///
/// Layout: an 8-byte little-endian header length `n`, `n` bytes of JSON mapping tensor names
/// to `{dtype, shape, data_offsets}`, then the data section. Every offset, size and overlap is
/// checked before any tensor is read, so a malformed or truncated file throws
/// ``EncoderError`` and never reads out of bounds.
public struct SafetensorsFile: Sendable {
    /// The element types this reader understands.
    public enum DType: String, Sendable, Hashable, CaseIterable {
        /// IEEE 754 binary32.
        case f32 = "F32"
        /// IEEE 754 binary16.
        case f16 = "F16"
        /// bfloat16 (the upper half of a binary32).
        case bf16 = "BF16"
        /// Signed 8-bit integers (quantized weights).
        case i8 = "I8"
        /// Types that may sit in a model file (buffers such as `position_ids`) but that no
        /// weight uses: validated, never converted.
        case f64 = "F64", i64 = "I64", i32 = "I32", i16 = "I16", u8 = "U8", bool = "BOOL"

        /// Bytes per element.
        public var size: Int {
            switch self {
            case .f64, .i64: 8
            case .f32, .i32: 4
            case .f16, .bf16, .i16: 2
            case .i8, .u8, .bool: 1
            }
        }
    }

    /// One tensor's entry in the header.
    public struct TensorInfo: Sendable, Hashable {
        /// The tensor's name.
        public var name: String
        /// Its element type.
        public var dtype: DType
        /// Its shape, outermost first.
        public var shape: [Int]
        /// Its byte range relative to the start of the data section.
        public var range: Range<Int>
        /// The number of elements (product of the shape).
        public var count: Int { shape.reduce(1, *) }
    }

    /// The largest header accepted (the reference implementation uses the same limit).
    public static let maxHeaderSize = 100_000_000

    /// The file's path, for error messages.
    public let path: String
    /// The tensors by name.
    public let tensors: [String: TensorInfo]
    /// The `__metadata__` string map (empty when absent).
    public let metadata: [String: String]
    private let file: MappedFile
    private let dataStart: Int

    /// Maps and validates the file at `path`.
    public init(path: String) throws(EncoderError) {
        let file = try MappedFile(path: path)
        let parsed = try Self.parseHeader(file.bytes, path: path)
        self.path = path
        self.file = file
        self.tensors = parsed.tensors
        self.metadata = parsed.metadata
        self.dataStart = parsed.dataStart
    }

    /// The tensor names, sorted.
    public var names: [String] { tensors.keys.sorted() }

    /// The raw bytes of a tensor, valid as long as this value lives.
    func rawBytes(_ info: TensorInfo) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: file.bytes[(dataStart + info.range.lowerBound)..<(dataStart + info.range.upperBound)])
    }

    /// Drops the mapped pages of a tensor that was copied out, so they stop counting in the
    /// process's resident memory (they are read back from the file if touched again).
    func release(_ name: String) {
        guard let info = tensors[name] else { return }
        file.release(bytes: (dataStart + info.range.lowerBound)..<(dataStart + info.range.upperBound))
    }

    /// A tensor converted to `Float`, checking its shape when `shape` is given.
    public func floats(_ name: String, shape expected: [Int]? = nil) throws(EncoderError) -> [Float] {
        guard let info = tensors[name] else {
            throw EncoderError(.missingTensor, "tensor not in file", path: path, tensor: name)
        }
        if let expected, expected != info.shape {
            throw EncoderError(.shapeMismatch, "shape \(info.shape), expected \(expected)", path: path, tensor: name)
        }
        let raw = rawBytes(info)
        let n = info.count
        // One pass into the result, no intermediate arrays (the load's peak memory matters).
        switch info.dtype {
        case .f32:
            return [Float](unsafeUninitializedCapacity: n) { buf, count in
                for i in 0..<n { buf[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))) }
                count = n
            }
        case .f16:
            return [Float](unsafeUninitializedCapacity: n) { buf, count in
                for i in 0..<n { buf[i] = HalfFloat.toFloat(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))) }
                count = n
            }
        case .bf16:
            return [Float](unsafeUninitializedCapacity: n) { buf, count in
                for i in 0..<n { buf[i] = Float(bitPattern: UInt32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))) << 16) }
                count = n
            }
        case .i8:
            throw EncoderError(.unsupportedDType, "I8 tensor needs its scales; load it as quantized", path: path, tensor: name)
        case .f64, .i64, .i32, .i16, .u8, .bool:
            throw EncoderError(.unsupportedDType, "\(info.dtype.rawValue) tensors are not read as weights", path: path, tensor: name)
        }
    }

    /// A tensor's raw int8 values.
    public func int8s(_ name: String) throws(EncoderError) -> [Int8] {
        guard let info = tensors[name] else {
            throw EncoderError(.missingTensor, "tensor not in file", path: path, tensor: name)
        }
        guard info.dtype == .i8 else {
            throw EncoderError(.unsupportedDType, "expected I8, found \(info.dtype.rawValue)", path: path, tensor: name)
        }
        return rawBytes(info).map { Int8(bitPattern: $0) }
    }
}
