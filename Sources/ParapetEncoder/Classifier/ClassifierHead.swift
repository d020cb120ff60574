import Foundation

/// One task's head: an optional dense layer and activation, then the out layer and a sigmoid
/// per label (multi-label).
struct ClassifierHead: Sendable {
    /// The task it scores.
    let task: ClassifierManifest.Task
    /// pooled (C) · w: (hidden, C) → (hidden), when the task has a hidden layer.
    let dense: Affine?
    /// (hidden or C) · w: (labels, hidden or C) → (labels)
    let out: Affine

    /// Loads `heads.T.dense.*` (when `hidden > 0`) and `heads.T.out.*`, shapes checked.
    init(task: ClassifierManifest.Task, file: SafetensorsFile, hiddenSize c: Int) throws(EncoderError) {
        let p = "heads.\(task.name)."
        self.task = task
        var width = c
        if task.hidden > 0 {
            dense = Affine(weight: try file.floats(p + "dense.weight", shape: [task.hidden, c]),
                           bias: try file.floats(p + "dense.bias", shape: [task.hidden]),
                           inFeatures: c, outFeatures: task.hidden)
            width = task.hidden
        } else {
            dense = nil
        }
        out = Affine(weight: try file.floats(p + "out.weight", shape: [task.labels.count, width]),
                     bias: try file.floats(p + "out.bias", shape: [task.labels.count]),
                     inFeatures: width, outFeatures: task.labels.count)
    }

    /// pooled: (C) → one probability per label.
    func probabilities(_ pooled: [Float]) -> [Double] {
        var x = pooled
        if let dense {
            x = Self.affine(dense, x)
            x = x.map(activate)
        }
        return Self.affine(out, x).map { 1 / (1 + Foundation.exp(-Double($0))) }
    }

    private func activate(_ v: Float) -> Float {
        switch task.activation {
        case "tanh": Foundation.tanh(v)
        case "relu": max(0, v)
        case "gelu": 0.5 * v * (1 + Foundation.erf(v / Float(2).squareRoot()))
        default: v
        }
    }

    /// y = W · x + b for one vector (heads are small: a plain loop beats a BLAS call).
    private static func affine(_ layer: Affine, _ x: [Float]) -> [Float] {
        (0..<layer.outFeatures).map { o in
            var sum = layer.bias[o]
            let row = o * layer.inFeatures
            for i in 0..<layer.inFeatures { sum += layer.weight[row + i] * x[i] }
            return sum
        }
    }

    /// A head layer kept as plain rows: y = W · x + b, W (out × in).
    struct Affine: Sendable {
        let weight: [Float]
        let bias: [Float]
        let inFeatures: Int
        let outFeatures: Int
    }
}
