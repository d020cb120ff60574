import Foundation

/// A linear model per task on ``HashedNgramFeatures``, stacked with the encoder's head:
/// `p = sigmoid(A · logit(p_encoder) + B · (w · x + b) + C)` for the task's overall label.
///
/// The encoder reads meaning; the n-grams read surface forms (the "ignore previous
/// instructions" family, leetspeak, odd casing) that a small encoder blurs. Both views score the
/// same window, and the stack's three numbers per task are fitted on out-of-fold dev scores by
/// the recipe. Immutable and `Sendable`.
public struct LexicalModel: Sendable {
    /// How one task's two scores combine.
    public struct Stack: Sendable, Hashable {
        /// A: weight of the encoder head's logit.
        public var encoder: Double
        /// B: weight of the n-gram model's decision value.
        public var lexical: Double
        /// C: bias.
        public var bias: Double
        /// For texts longer than one window: the lowest n-gram decision value a window counts with,
        /// so a window whose n-grams are diluted by surrounding text scores at least what the
        /// encoder alone would (`nil`: no floor).
        public var longTextFloor: Double? = nil

        /// The stacked probability for an encoder probability and a lexical decision value.
        public func probability(encoder p: Double, lexical s: Double) -> Double {
            let clipped = min(max(p, 1e-6), 1 - 1e-6)
            let z = encoder * Foundation.log(clipped / (1 - clipped)) + lexical * s + bias
            return 1 / (1 + Foundation.exp(-z))
        }
    }

    /// The featurizer.
    public let features: HashedNgramFeatures
    /// Per task: bucket weights (2^bits) and bias.
    let weights: [String: (weight: [Float], bias: Double)]
    /// Per-bucket idf factors, when the recipe used them.
    let idf: [Float]?
    /// Per task, how the scores combine.
    public let stacks: [String: Stack]

    /// The tasks this model scores.
    public var tasks: [String] { stacks.keys.sorted() }

    /// Loads `<task>.weight` (2^bits), `<task>.bias` (1) for every stacked task and the optional
    /// `idf` (2^bits) from `file`, shapes checked.
    init(file: SafetensorsFile, features: HashedNgramFeatures, stacks: [String: Stack]) throws(EncoderError) {
        let n = features.bucketCount
        var weights: [String: (weight: [Float], bias: Double)] = [:]
        for task in stacks.keys.sorted() {
            let w = try file.floats(task + ".weight", shape: [n])
            let b = try file.floats(task + ".bias", shape: [1])
            weights[task] = (w, Double(b[0]))
        }
        self.features = features
        self.weights = weights
        self.idf = file.tensors["idf"] == nil ? nil : try file.floats("idf", shape: [n])
        self.stacks = stacks
    }

    /// Each task's decision value for one window of a text read in `windowCount` windows: as
    /// ``decisionValues(_:)``, raised to the task's ``Stack/longTextFloor`` when there are several.
    public func windowDecisionValues(_ window: some Collection<UInt8>, windowCount: Int) -> [String: Double] {
        var values = decisionValues(window)
        guard windowCount > 1 else { return values }
        for (task, stack) in stacks {
            if let floor = stack.longTextFloor, let value = values[task] { values[task] = max(value, floor) }
        }
        return values
    }

    /// Each task's decision value `w · x + b` for `text`'s UTF-8 bytes.
    public func decisionValues(_ text: some Collection<UInt8>) -> [String: Double] {
        let x = features.components(of: text, idf: idf)
        var out: [String: Double] = [:]
        for (task, model) in weights {
            var sum = model.bias
            for c in x { sum += Double(model.weight[c.bucket]) * Double(c.value) }
            out[task] = sum
        }
        return out
    }
}
