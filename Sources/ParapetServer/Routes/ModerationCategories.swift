import Parapet

/// How Parapet's categories and classifier score keys map onto OpenAI's moderation categories.
///
/// A decision's finer classifier labels (`toxicity.hate`, `unsafe.violent_crimes`) are mapped by
/// the table below; a category's score is the highest mapped score. Categories are flagged per
/// task, and only when the task itself fires (its policy rule, else its own threshold): the
/// categories of its highest-scoring label, and those of any other label at or above both its own
/// threshold and 0.5. So `flagged` is true exactly when some category is. A task's overall score
/// stands for its family (`toxicity` → harassment, `unsafe` → illicit) only when the decision has
/// no finer labels of it. Findings map by category (`toxicity.x` → harassment, `unsafe.x` →
/// illicit, when not in the table). Parapet categories with no OpenAI counterpart (PII, secrets,
/// injection, ban lists) are reported beside them in the `parapet` object, and a policy `block`
/// always sets `flagged`.
enum ModerationCategories {
    /// OpenAI's category names, in their documented order.
    static let names = [
        "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent",
        "self-harm", "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors", "violence",
        "violence/graphic",
    ]

    /// Parapet key (score label or finding category) → OpenAI categories. The shipped bundle's
    /// labels first (OpenAI moderation's own categories for `toxicity`, MLCommons hazards for
    /// `unsafe`), then other bundles' common names.
    static let table: [String: [String]] = [
        "toxicity.harassment": ["harassment"], "toxicity.hate": ["hate"], "toxicity.hate_threatening": ["hate/threatening"],
        "toxicity.self_harm": ["self-harm"], "toxicity.sexual": ["sexual"], "toxicity.sexual_minors": ["sexual/minors"],
        "toxicity.violence": ["violence"], "toxicity.violence_graphic": ["violence/graphic"],
        "unsafe.violent_crimes": ["illicit/violent"], "unsafe.indiscriminate_weapons": ["illicit/violent"],
        "unsafe.sex_crimes": ["illicit/violent"], "unsafe.nonviolent_crimes": ["illicit"], "unsafe.privacy": ["illicit"],
        "unsafe.intellectual_property": ["illicit"], "unsafe.child_exploitation": ["sexual/minors"],
        "unsafe.self_harm": ["self-harm", "self-harm/intent", "self-harm/instructions"], "unsafe.hate": ["hate"],
        "unsafe.sexual_content": ["sexual"], "unsafe.defamation": ["harassment"],
        // Other bundles' names.
        "toxicity.insult": ["harassment"], "toxicity.threat": ["harassment/threatening"],
        "toxicity.harassment_threatening": ["harassment/threatening"], "toxicity.identity_hate": ["hate"],
        "toxicity.identity_attack": ["hate"], "toxicity.sexual_explicit": ["sexual"], "toxicity.obscene": ["sexual"],
        "toxicity.self_harm_intent": ["self-harm/intent"], "toxicity.self_harm_instructions": ["self-harm/instructions"],
        "unsafe.weapons": ["illicit/violent"], "unsafe.violent_crime": ["illicit/violent"], "unsafe.violence": ["violence"],
        "unsafe.sexual_minors": ["sexual/minors"], "unsafe.child_abuse": ["sexual/minors"],
        "unsafe.self_harm_instructions": ["self-harm/instructions"], "unsafe.drugs": ["illicit"], "unsafe.crime": ["illicit"],
        "unsafe.cyber": ["illicit"], "unsafe.fraud": ["illicit"],
    ]

    /// What a task's overall score, or an unlisted key of its family, stands for.
    static let family: [String: [String]] = ["toxicity": ["harassment"], "unsafe": ["illicit"]]

    /// The OpenAI categories for a Parapet key: its table entry, else its family's.
    static func openAI(_ key: String) -> [String] {
        if let exact = table[key] { return exact }
        return family[task(of: key)] ?? []
    }

    /// The task a key belongs to: the part before its first dot (`unsafe.hate` → `unsafe`).
    static func task(of key: String) -> String { String(key.prefix { $0 != "." }) }

    /// A finer label's category is flagged without being its task's likeliest label only at or
    /// above this score (and its own threshold): the bundle's per-label thresholds are set for
    /// recall (as low as 0.065), and alone they flagged a text about adults as `sexual/minors`.
    static let secondaryLabelScore = 0.5

    /// One moderation result for a decision; `thresholds` are the policy's per-label defaults.
    static func result(for decision: Decision, thresholds: [String: Double]) -> JSONValue {
        var flagged: Set<String> = []
        var scores: [String: Double] = [:]
        let tasksWithLabels = Set(decision.scores.keys.filter { $0.contains(".") }.map(task(of:)))
        func fired(_ key: String, _ score: Double) -> Bool {
            decision.flags[key] ?? thresholds[key].map { score >= $0 } ?? false
        }
        for (key, score) in decision.scores {
            let isOverall = !key.contains(".")
            if isOverall && tasksWithLabels.contains(key) { continue }  // its finer labels speak for it
            for name in isOverall ? family[key] ?? [] : openAI(key) { scores[name] = max(scores[name] ?? 0, score) }
            if isOverall, fired(key, score) { flagged.formUnion(family[key] ?? []) }
        }
        // A task with finer labels flags categories only when the task itself fires: its likeliest
        // label's, and any other label's that is at or above its own threshold and 0.5.
        for task in tasksWithLabels {
            guard let overall = decision.scores[task], fired(task, overall) else { continue }
            let labels = decision.scores.filter { $0.key.hasPrefix(task + ".") }
            if let top = labels.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
                flagged.formUnion(openAI(top.key).isEmpty ? family[task] ?? [] : openAI(top.key))
            }
            for (key, score) in labels where score >= max(secondaryLabelScore, thresholds[key] ?? 1) {
                flagged.formUnion(openAI(key))
            }
        }
        // A policy rule on a finer label that fired flags its categories whatever its task did.
        for key in decision.scores.keys where key.contains(".") && decision.flags[key] == true {
            flagged.formUnion(openAI(key))
        }
        for finding in decision.findings {
            for name in openAI(finding.category.rawValue) {
                scores[name] = max(scores[name] ?? 0, finding.score)
                flagged.insert(name)
            }
        }
        let categories = JSONValue.object(names.map { ($0, .bool(flagged.contains($0))) })
        let categoryScores = JSONValue.object(names.map { ($0, .double(scores[$0] ?? 0)) })
        let anyFlagged = decision.action == .block || !flagged.isEmpty
        let parapetCategories = Set(decision.findings.map(\.category.rawValue)).sorted()
        return .object([
            ("flagged", .bool(anyFlagged)),
            ("categories", categories),
            ("category_scores", categoryScores),
            ("parapet", .object([
                ("action", .string(decision.action.rawValue)),
                ("categories", .array(parapetCategories.map(JSONValue.string))),
                ("rules", .array(decision.rulesFired.map { .string($0.rule) })),
                ("scores", .object(decision.scores.sorted { $0.key < $1.key }.map { ($0.key, .double($0.value)) })),
            ])),
        ])
    }
}
