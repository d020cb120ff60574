/// How a sequence of hidden states becomes one vector.
public enum Pooling: String, Sendable, Hashable, CaseIterable {
    /// The `[CLS]` token's hidden state.
    case cls
    /// The mean over every real token (specials included), as sentence-transformers does.
    case mean

    /// states: (L, C) rows of one sequence → (C).
    @_optimize(speed) func pool(_ states: ArraySlice<Float>, length: Int, hidden: Int) -> [Float] {
        let base = states.startIndex
        switch self {
        case .cls:
            return Array(states[base..<(base + hidden)])
        case .mean:
            var out = [Float](repeating: 0, count: hidden)
            for t in 0..<length {
                for j in 0..<hidden { out[j] += states[base + t * hidden + j] }
            }
            let inv = 1 / Float(max(length, 1))
            return out.map { $0 * inv }
        }
    }
}
