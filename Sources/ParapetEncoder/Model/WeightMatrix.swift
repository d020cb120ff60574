/// A 2-D weight (out × in) as read from the file, before packing: fp32, or int8 with one
/// symmetric scale per output row (w = q · scale).
enum WeightMatrix {
    case f32([Float])
    case int8([Int8], scales: [Float])

    /// The weights as floats (int8 dequantized), row-major (out × in).
    func floats(columns: Int) -> [Float] {
        switch self {
        case .f32(let w): return w
        case .int8(let q, let scales):
            var out = [Float](repeating: 0, count: q.count)
            for r in 0..<scales.count {
                for c in 0..<columns { out[r * columns + c] = Float(q[r * columns + c]) * scales[r] }
            }
            return out
        }
    }

    /// Matrices with the same input width stacked by output rows (the fused QKV weight); int8
    /// only when every part is int8, else every part as floats.
    static func stacked(_ parts: [WeightMatrix], columns: Int) -> WeightMatrix {
        var q: [Int8] = [], scales: [Float] = []
        for part in parts {
            guard case .int8(let pq, let ps) = part else {
                return .f32(parts.flatMap { $0.floats(columns: columns) })
            }
            q += pq
            scales += ps
        }
        return .int8(q, scales: scales)
    }
}
