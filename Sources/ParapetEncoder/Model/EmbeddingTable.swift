/// A (rows × cols) lookup table read in place from the mapped weights file and converted to
/// `Float` one row at a time on lookup: F32, F16, BF16, or I8 with one scale per row.
///
/// The word-embedding table is the largest tensor of a small encoder (47 MB of F32 for MiniLM)
/// and a request touches a few of its rows, so it is never copied: only touched pages become
/// resident, and an int8 or f16 file keeps it at a quarter or half the size.
struct EmbeddingTable: Sendable {
    let rows: Int
    let cols: Int
    private let file: SafetensorsFile
    private let info: SafetensorsFile.TensorInfo
    /// One per row for I8, else empty.
    private let scales: [Float]

    /// Opens `name` with shape [rows, cols]; an I8 table needs `name` + `_scale` (F32, rows).
    init(weights: ModelWeights, name: String, shape: [Int]) throws(EncoderError) {
        let file = weights.file
        guard let info = file.tensors[weights.prefix + name] else {
            throw EncoderError(.missingTensor, "tensor not in file", path: file.path, tensor: name)
        }
        guard info.shape == shape, shape.count == 2 else {
            throw EncoderError(.shapeMismatch, "shape \(info.shape), expected \(shape)", path: file.path, tensor: name)
        }
        switch info.dtype {
        case .f32, .f16, .bf16: scales = []
        case .i8: scales = try file.floats(weights.prefix + name + Quantizer.scaleSuffix, shape: [shape[0]])
        default:
            throw EncoderError(.unsupportedDType, "\(info.dtype.rawValue) tensors are not read as weights", path: file.path, tensor: name)
        }
        self.file = file
        self.info = info
        rows = shape[0]
        cols = shape[1]
    }

    /// out[0..<cols] = row `r` as floats (r is checked by the caller).
    @_optimize(speed) func row(_ r: Int, into out: UnsafeMutablePointer<Float>) {
        let raw = file.rawBytes(info)
        let base = r * cols
        switch info.dtype {
        case .f32:
            for j in 0..<cols {
                out[j] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: (base + j) * 4, as: UInt32.self)))
            }
        case .f16:
            for j in 0..<cols {
                out[j] = HalfFloat.toFloat(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: (base + j) * 2, as: UInt16.self)))
            }
        case .bf16:
            for j in 0..<cols {
                let bits = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: (base + j) * 2, as: UInt16.self))
                out[j] = Float(bitPattern: UInt32(bits) << 16)
            }
        case .i8:
            let s = scales[r]
            for j in 0..<cols { out[j] = Float(Int8(bitPattern: raw[base + j])) * s }
        default:
            for j in 0..<cols { out[j] = 0 }
        }
    }
}
