import Dispatch

/// A dense layer y = x · Wᵀ + b, with W (out × in) as PyTorch stores it, packed once at load
/// for the native kernels: fp32, or int8 kept as int8 (activations quantized per row per call
/// to 7-bit codes with an offset).
struct Linear: Sendable {
    /// The packed weight.
    enum Weight: Sendable {
        case f32(AlignedBuffer<Float>)
        /// Packed int8 values and one scale per output channel.
        case int8(PackedInt8, scales: [Float])
    }

    let inFeatures: Int
    let outFeatures: Int
    let weight: Weight
    /// (out)
    let bias: [Float]

    /// Packs `matrix` (out × in).
    init(matrix: WeightMatrix, bias: [Float], inFeatures: Int, outFeatures: Int) {
        switch matrix {
        case .f32(let w):
            weight = .f32(w.withUnsafeBufferPointer { wp in
                Native.packF32(wp.baseAddress, ldw: inFeatures, n: outFeatures, k: inFeatures)
            })
        case .int8(let q, let scales):
            weight = .int8(q.withUnsafeBufferPointer { qp in
                Native.packInt8(qp.baseAddress, n: outFeatures, k: inFeatures)
            }, scales: scales)
        }
        self.bias = bias
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
    }

    /// Loads `name.weight` (out, in) and `name.bias` (out).
    init(weights: ModelWeights, name: String, inFeatures: Int, outFeatures: Int) throws(EncoderError) {
        self.init(
            matrix: try weights.matrix(name + ".weight", [outFeatures, inFeatures]),
            bias: try weights.tensor(name + ".bias", [outFeatures]),
            inFeatures: inFeatures, outFeatures: outFeatures)
    }

    /// Whether the weight is held as int8.
    var isQuantized: Bool {
        if case .int8 = weight { return true }
        return false
    }

    /// x: (rows, in) → y: (rows, out) = x · Wᵀ + b [+ y when `accumulate`: the residual add],
    /// then `activation`; `scratch` holds the quantized activations of the int8 path.
    func forward(_ x: UnsafePointer<Float>, rows: Int, into y: UnsafeMutablePointer<Float>,
                 accumulate: Bool = false, activation: Native.Activation = .none, scratch: inout LinearScratch) {
        let panels = Native.panelCount(outFeatures)
        // Large products are split by output panels over `threads` (disjoint columns of y).
        let parts = rows * inFeatures * outFeatures >= 1 << 21 ? min(scratch.threads, panels) : 1
        func split(_ body: (Range<Int>) -> Void) {
            if parts <= 1 { return body(0..<panels) }
            withoutActuallyEscaping(body) { body in
                // SAFETY: each iteration writes only its own panels' columns of y and reads
                // shared inputs that nothing writes meanwhile; concurrentPerform returns only
                // when every iteration has finished, so nothing outlives this call.
                nonisolated(unsafe) let run = body
                DispatchQueue.concurrentPerform(iterations: parts) { t in
                    run((panels * t / parts)..<(panels * (t + 1) / parts))
                }
            }
        }
        bias.withUnsafeBufferPointer { b in
            switch weight {
            case .f32(let packed):
                split { range in
                    Native.gemmF32(m: rows, n: outFeatures, k: inFeatures, x: x, ldx: inFeatures, packed: packed,
                                   bias: b.baseAddress, y: y, ldy: outFeatures, accumulate: accumulate,
                                   activation: activation, panels: range)
                }
            case .int8(let packed, let colScales):
                scratch.reserve(rows: rows, stride: Native.int8RowStride(inFeatures), groups: Native.int8Groups(inFeatures))
                scratch.q.withUnsafeMutableBufferPointer { q in
                    scratch.scales.withUnsafeMutableBufferPointer { s in
                        scratch.offsets.withUnsafeMutableBufferPointer { o in
                            colScales.withUnsafeBufferPointer { cs in
                                guard let qp = q.baseAddress, let sp = s.baseAddress, let op = o.baseAddress,
                                      let csp = cs.baseAddress else { return }
                                Native.quantizeRows(m: rows, k: inFeatures, x: x, ldx: inFeatures, q: qp, scales: sp, offsets: op)
                                split { range in
                                    Native.gemmInt8(m: rows, n: outFeatures, k: inFeatures, q: qp, rowScales: sp, rowOffsets: op,
                                                    packed: packed, colScales: csp, bias: b.baseAddress, y: y, ldy: outFeatures,
                                                    accumulate: accumulate, activation: activation, panels: range)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Per-call buffers of the int8 path: quantized activations (7-bit codes) and the scales and
/// offsets of each row's groups.
struct LinearScratch {
    /// Threads one product may be split over (the encoder's `threads`).
    var threads = 1
    var q: [UInt8] = []
    var scales: [Float] = []
    var offsets: [Float] = []

    mutating func reserve(rows: Int, stride: Int, groups: Int) {
        if q.count < rows * stride { q = [UInt8](repeating: 0, count: rows * stride) }
        if scales.count < rows * groups {
            scales = [Float](repeating: 0, count: rows * groups)
            offsets = [Float](repeating: 0, count: rows * groups)
        }
    }
}
