import Parapet

/// How Parapet's categories and classifier score keys map onto OpenAI's moderation categories.
///
/// A decision's `scores` (`toxicity.hate` → `hate`) and its findings' categories are mapped by
/// the table below; a category's score is the highest mapped score, and it is flagged when a
/// mapped classifier flag fired or a mapped finding survived the policy's thresholds. Parapet
/// categories with no OpenAI counterpart (PII, secrets, injection, ban lists) are reported
/// beside them in the `parapet` object, and a policy `block` always sets `flagged`.
enum ModerationCategories {
    /// OpenAI's category names, in their documented order.
    static let names = [
        "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent",
        "self-harm", "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors", "violence",
        "violence/graphic",
    ]

    /// Parapet key (score key or finding category) → OpenAI category.
    static let table: [String: String] = [
        "toxicity": "harassment",
        "toxicity.harassment": "harassment", "toxicity.insult": "harassment",
        "toxicity.threat": "harassment/threatening", "toxicity.harassment_threatening": "harassment/threatening",
        "toxicity.hate": "hate", "toxicity.identity_hate": "hate", "toxicity.identity_attack": "hate",
        "toxicity.hate_threatening": "hate/threatening",
        "toxicity.sexual": "sexual", "toxicity.sexual_explicit": "sexual", "toxicity.obscene": "sexual",
        "toxicity.sexual_minors": "sexual/minors", "unsafe.sexual_minors": "sexual/minors", "unsafe.child_abuse": "sexual/minors",
        "toxicity.violence": "violence", "unsafe.violence": "violence", "unsafe.violent_crime": "illicit/violent",
        "toxicity.violence_graphic": "violence/graphic",
        "toxicity.self_harm": "self-harm", "unsafe.self_harm": "self-harm",
        "toxicity.self_harm_intent": "self-harm/intent",
        "toxicity.self_harm_instructions": "self-harm/instructions", "unsafe.self_harm_instructions": "self-harm/instructions",
        "unsafe": "illicit", "unsafe.weapons": "illicit/violent", "unsafe.drugs": "illicit", "unsafe.crime": "illicit",
        "unsafe.cyber": "illicit", "unsafe.fraud": "illicit",
    ]

    /// The OpenAI category for a Parapet key: exact entry, else its family's (`unsafe.x` → `illicit`).
    static func openAI(_ key: String) -> String? {
        if let exact = table[key] { return exact }
        let family = String(key.split(separator: ".", maxSplits: 1).first ?? "")
        return family == key ? nil : table[family]
    }

    /// One moderation result for a decision.
    static func result(for decision: Decision) -> JSONValue {
        var flagged: [String: Bool] = [:]
        var scores: [String: Double] = [:]
        for (key, score) in decision.scores {
            guard let name = openAI(key) else { continue }
            scores[name] = max(scores[name] ?? 0, score)
            if decision.flags[key] == true { flagged[name] = true }
        }
        for finding in decision.findings {
            guard let name = openAI(finding.category.rawValue) else { continue }
            scores[name] = max(scores[name] ?? 0, finding.score)
            flagged[name] = true
        }
        let categories = JSONValue.object(names.map { ($0, .bool(flagged[$0] ?? false)) })
        let categoryScores = JSONValue.object(names.map { ($0, .double(scores[$0] ?? 0)) })
        let anyFlagged = decision.action == .block || flagged.values.contains(true)
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
