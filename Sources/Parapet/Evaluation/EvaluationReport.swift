public import ParapetCore

/// One labelled text and its score, as `parapet eval` reads and scores it.
public struct ScoredRow: Sendable, Hashable {
    /// The ground truth (label 1 = positive: attack, toxic, unsafe).
    public var label: Bool
    /// The model's score for the task.
    public var score: Double
    /// The upstream class or HateCheck functionality (`category`).
    public var category: String?
    /// The identity group the text names (`target`).
    public var target: String?
    /// The language (`lang`).
    public var lang: String?

    /// Creates a row.
    public init(label: Bool, score: Double, category: String? = nil, target: String? = nil, lang: String? = nil) {
        self.label = label
        self.score = score
        self.category = category
        self.target = target
        self.lang = lang
    }
}

/// The evaluation of one file (or of all files pooled): overall, by category, by target group,
/// and the spread of false-positive rates across identity terms.
public struct EvaluationReport: Sendable, Hashable, Encodable {
    /// The spread of false-positive rates across identity groups (on their negative rows).
    public struct IdentitySpread: Sendable, Hashable, Codable {
        /// Groups with at least ``minimumNegatives`` negative rows, and their FPR.
        public var fprByTarget: [String: Double]
        /// The negatives each such group has.
        public var negativesByTarget: [String: Int]
        /// The lowest group FPR.
        public var min: Double
        /// The highest group FPR.
        public var max: Double
        /// Every group at ``min``, sorted (ties are all named, so the report never depends on
        /// dictionary order).
        public var minTargets: [String]
        /// Every group at ``max``, sorted.
        public var maxTargets: [String]
        /// max − min.
        public var spread: Double
        /// Population standard deviation of the group FPRs.
        public var standardDeviation: Double
        /// The smallest group size counted.
        public var minimumNegatives: Int

        enum CodingKeys: String, CodingKey {
            case fprByTarget = "fpr_by_target", negativesByTarget = "negatives_by_target", min, max, spread
            case minTargets = "min_targets", maxTargets = "max_targets"
            case standardDeviation = "std", minimumNegatives = "min_negatives"
        }
    }

    /// The file's name (or `pooled`).
    public var name: String
    /// The task evaluated.
    public var task: String
    /// All rows.
    public var overall: BinaryEvaluation
    /// By `category`.
    public var byCategory: [String: BinaryEvaluation]
    /// By `target` (identity group).
    public var byTarget: [String: BinaryEvaluation]
    /// By `lang`, when more than one language is present.
    public var byLang: [String: BinaryEvaluation]
    /// FPR spread across targets, when at least two targets have enough negatives.
    public var identitySpread: IdentitySpread?

    enum CodingKeys: String, CodingKey {
        case name, task, overall, byCategory = "by_category", byTarget = "by_target", byLang = "by_lang"
        case identitySpread = "identity_fpr_spread"
    }

    /// Every key, `identity_fpr_spread` `null` when there is none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(task, forKey: .task)
        try container.encode(overall, forKey: .overall)
        try container.encode(byCategory, forKey: .byCategory)
        try container.encode(byTarget, forKey: .byTarget)
        try container.encode(byLang, forKey: .byLang)
        try container.encode(identitySpread, forKey: .identitySpread)
    }

    /// Evaluates `rows` at `threshold`; groups with a single row still get their counts.
    public init(name: String, task: String, rows: [ScoredRow], threshold: Double, minimumGroupNegatives: Int = 5) {
        self.name = name
        self.task = task
        overall = BinaryEvaluation(scores: rows.map(\.score), labels: rows.map(\.label), threshold: threshold)
        byCategory = Self.breakdown(rows, threshold: threshold, key: \.category)
        byTarget = Self.breakdown(rows, threshold: threshold, key: \.target)
        let langs = Self.breakdown(rows, threshold: threshold, key: \.lang)
        byLang = langs.count > 1 ? langs : [:]
        identitySpread = Self.spread(byTarget, minimumNegatives: minimumGroupNegatives)
    }

    static func breakdown(_ rows: [ScoredRow], threshold: Double, key: KeyPath<ScoredRow, String?>) -> [String: BinaryEvaluation] {
        let groups = Dictionary(grouping: rows.filter { $0[keyPath: key] != nil }) { $0[keyPath: key] ?? "" }
        return groups.mapValues { BinaryEvaluation(scores: $0.map(\.score), labels: $0.map(\.label), threshold: threshold) }
    }

    static func spread(_ byTarget: [String: BinaryEvaluation], minimumNegatives: Int) -> IdentitySpread? {
        let counted = byTarget.filter { $0.value.negatives >= max(1, minimumNegatives) }
        let fprs = counted.compactMapValues(\.falsePositiveRate)
        guard fprs.count >= 2, let lo = fprs.values.min(), let hi = fprs.values.max() else { return nil }
        let mean = fprs.values.reduce(0, +) / Double(fprs.count)
        let variance = fprs.values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(fprs.count)
        return IdentitySpread(fprByTarget: fprs, negativesByTarget: counted.mapValues(\.negatives), min: lo, max: hi,
                              minTargets: fprs.filter { $0.value == lo }.keys.sorted(),
                              maxTargets: fprs.filter { $0.value == hi }.keys.sorted(), spread: hi - lo,
                              standardDeviation: variance.squareRoot(), minimumNegatives: minimumNegatives)
    }
}
