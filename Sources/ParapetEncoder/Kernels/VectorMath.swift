/// Element-wise kernels on SIMD8 lanes. GELU, softmax and the bias and residual adds run in
/// `CParapetKernels` (fused into the products, see ``Native``); layer norm runs here.
enum VectorMath {
    typealias V = SIMD8<Float>

    /// Layer norm of `rows` rows of `cols` floats in place (mean and variance in two passes).
    @_optimize(speed) static func layerNorm(_ x: UnsafeMutablePointer<Float>, rows: Int, cols: Int,
                          gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, eps: Float) {
        // cols % 8 == 0 is guaranteed by EncoderConfig.validate.
        let g = UnsafeRawPointer(gamma), b = UnsafeRawPointer(beta)
        for r in 0..<rows {
            let row = UnsafeMutableRawPointer(x + r * cols)
            var s = V(repeating: 0)
            for j in stride(from: 0, to: cols, by: 8) { s += row.loadUnaligned(fromByteOffset: j * 4, as: V.self) }
            let mean = s.sum() / Float(cols)
            var q = V(repeating: 0)
            for j in stride(from: 0, to: cols, by: 8) {
                let d = row.loadUnaligned(fromByteOffset: j * 4, as: V.self) - mean
                q += d * d
            }
            let inv = 1 / (q.sum() / Float(cols) + eps).squareRoot()
            for j in stride(from: 0, to: cols, by: 8) {
                let d = (row.loadUnaligned(fromByteOffset: j * 4, as: V.self) - mean) * inv
                let y = d * g.loadUnaligned(fromByteOffset: j * 4, as: V.self) + b.loadUnaligned(fromByteOffset: j * 4, as: V.self)
                row.storeBytes(of: y, toByteOffset: j * 4, as: V.self)
            }
        }
    }
}
